"""Application logging: the app's and werkzeug's records go to <instance>/logs/navi.log.

Logs never carry personal data: code logs ids, receipt numbers and codes only, and the filter below
drops query strings from request lines (a search for a name would otherwise put the name in the log).
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from flask import Flask

LOGGERS = ("navi", "werkzeug")
# Method and path, then the query string up to the protocol (werkzeug may wrap the line in colour codes).
_QUERY = re.compile(r"((?<![A-Z])(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^?\s]*)\?.*?(?= HTTP/\d)")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class DropQueryStrings(logging.Filter):
    """Rewrites request lines `GET /path?kana=… HTTP/1.1` to `GET /path?… HTTP/1.1`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; always keep it."""
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = _QUERY.sub(r"\1?…", message), ()
        return True


def configure_logging(app: Flask) -> None:
    """Send the app's and werkzeug's logs to the instance's log file (and stderr outside tests)."""
    directory = Path(app.config["LOG_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        RotatingFileHandler(directory / "navi.log", maxBytes=10_000_000, backupCount=5, encoding="utf-8")
    ]
    if not app.testing:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(DropQueryStrings())
        handler._navi = True  # type: ignore[attr-defined]  # marks handlers a later app may replace
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if getattr(h, "_navi", False)]:
            logger.removeHandler(old)
            old.close()
        logger.setLevel(logging.INFO)
        for handler in handlers:
            logger.addHandler(handler)
