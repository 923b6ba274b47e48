"""The one exception hierarchy of mapper; only the CLI turns these into messages and exit codes."""


class MapperError(Exception):
    """Base class of every error mapper reports to a user as one line."""


class DocumentError(MapperError, OSError):
    """A document cannot be read or decoded."""


class GazetteerError(MapperError, LookupError):
    """The gazetteer cannot be built, loaded or imported, or a lookup is malformed."""


class ExtractionError(MapperError, ValueError):
    """Incidents or claims cannot be extracted or written."""


class RenderError(MapperError, ValueError):
    """The map cannot be built, for example because an asset is missing or a filter is unknown."""
