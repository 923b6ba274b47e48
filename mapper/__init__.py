"""mapper: offline geoparsing and incident mapping for reporting on militant violence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mapper")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
