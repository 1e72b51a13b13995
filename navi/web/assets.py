"""Static files (CSS, scripts): each URL names a digest of the file, so browsers keep it for a year.

Without this every page made the tablet ask again for navi.css and wizard.js (two extra requests per page);
a changed file gets a new digest, hence a new URL, so a deployment still reaches every tablet at once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request

YEAR_SECONDS = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    """Add `?v=<digest>` to every url_for('static', …) and serve a file asked for by its digest as immutable."""
    folder = Path(app.static_folder or "")
    known: dict[str, tuple[int, str]] = {}

    # Files change only with a deployment (which restarts the app), so each is read once; a developer's
    # edits show at once under debug or TESTING, where the file's time is checked on every use.
    watch = app.debug or app.testing

    def digest(filename: str) -> str | None:
        cached = known.get(filename)
        if cached is not None and not watch:
            return cached[1]
        path = folder / filename
        try:
            changed = path.stat().st_mtime_ns
        except OSError:
            return None
        if cached is None or cached[0] != changed:
            cached = known[filename] = (changed, hashlib.sha256(path.read_bytes()).hexdigest()[:12])
        return cached[1]

    @app.url_defaults
    def _versioned(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = digest(values["filename"])
            if version:
                values["v"] = version

    def max_age(filename: str | None) -> int | None:
        # Only the current digest may be kept: a page naming an older one gets the file, revalidated each time.
        if filename and request.args.get("v") and request.args.get("v") == digest(filename):
            return YEAR_SECONDS
        return None

    app.get_send_file_max_age = max_age  # type: ignore[method-assign]
