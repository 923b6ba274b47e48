"""Where Debian's Chromium lives and how to start it headless here, for the browser tests,
the map benchmark and the README screenshot (Playwright drives it; no browser is downloaded).

The flags keep Chromium from reaching out to Google's services, which this offline machine
refuses, and let it run as root in a container.
"""

CHROMIUM = "/usr/bin/chromium"
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
