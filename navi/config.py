"""Every setting the app reads, with its unit and default; overridden by env vars or the instance file."""

from __future__ import annotations

import os
from pathlib import Path

from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, shipped_folder
from navi.domain.dates import OFFICE_TIMEZONE
from navi.instance.layout import InstanceLayout

# Files the package ships: message catalogs and static assets inside the package, the page templates mapped
# in at build time (setup.py; the default catalog likewise, found by navi.domain.catalog.loader).
PACKAGE = Path(__file__).resolve().parent
TRANSLATIONS_DIR = PACKAGE / "translations"
STATIC_DIR = PACKAGE / "static"
TEMPLATES_DIR = shipped_folder(PACKAGE, "templates")
MIB = 1024 * 1024


def instance_path() -> Path:
    """The instance folder: $NAVI_INSTANCE, else ./instance (database, keys, sessions live here)."""
    return InstanceLayout.from_environment().root


def defaults(instance: Path) -> dict:
    """The default settings for an instance folder."""
    layout = InstanceLayout(instance)
    return {
        # "kiosk", "counter" or "all" (design.md §1).
        "NAVI_ROLE": os.environ.get("NAVI_ROLE", "all"),
        "CATALOG_DIR": Path(os.environ.get("NAVI_CATALOG_DIR", str(DEFAULT_CATALOG_DIR))),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{layout.database_file}"),
        "KEYS_DIR": layout.keys_dir,
        # The office a lobby tablet stands in; empty on the public web, where residents choose.
        "KIOSK_OFFICE": os.environ.get("NAVI_KIOSK_OFFICE", "chuo"),
        # Seconds a wizard session may sit idle before it is wiped.
        "KIOSK_IDLE_SECONDS": 180,
        # "lobby" (a shared tablet: the idle wipe above) or "personal" (pre-entry on the resident's own device,
        # the public-web kiosk): chosen by the deployment, never guessed from the browser.
        "KIOSK_DEVICE": os.environ.get("NAVI_KIOSK_DEVICE", "lobby"),
        # Seconds a personal device keeps the answers and the result (until the resident ends it).
        "PERSONAL_IDLE_SECONDS": 24 * 3600,
        # Seconds the "continue?" dialog counts down before the wipe (WCAG 2.2.1: at least 20).
        "KIOSK_COUNTDOWN_SECONDS": 30,
        # Seconds a QR code stays valid at the counter.
        "QR_MAX_AGE_SECONDS": 24 * 3600,
        # Seconds of clock difference tolerated between kiosk and counter.
        "QR_CLOCK_SKEW_SECONDS": 300,
        # Seconds a signed-in clerk may sit idle before signing in again.
        "STAFF_IDLE_SECONDS": 30 * 60,
        # Seconds between refreshes of an open counter queue screen.
        "QUEUE_POLL_SECONDS": 5,
        # Seconds between refreshes of the lobby's waiting board (navi/static/counter/board.js).
        "BOARD_REFRESH_SECONDS": 5,
        # Seconds between a counter process's checks for a newly published catalog version: a publication by
        # any process is in use everywhere within this time (the publishing process at once), and a busy
        # counter asks the database once a second rather than on every request.
        "CATALOG_CHECK_SECONDS": 1.0,
        # Where application logs go (never personal data: see navi.web.applog).
        "LOG_DIR": layout.log_dir,
        # The office's time zone: every date and time shown or printed, whatever the host's TZ.
        "OFFICE_TIMEZONE": os.environ.get("NAVI_TIMEZONE", OFFICE_TIMEZONE),
        # Bytes a request body may have: the wizard's and counter's forms are a few KiB, so anything larger is
        # refused (413) before it is read or spooled to disk; the uploads have their own limits (below).
        "MAX_CONTENT_LENGTH": 256 * 1024,
        # Bytes per upload route: the file's own limit (the form's FileSize) plus room for the multipart wrapping.
        "UPLOAD_LIMITS": {"counter.scan_picture": 8 * MIB + 64 * 1024,
                          "catalog_admin.import_zip": 16 * MIB + 64 * 1024},
        "BABEL_DEFAULT_LOCALE": "ja",
        # WTForms' own messages are translated through navi.web.forms.Form (cached per process), not Flask-WTF.
        "WTF_I18N_ENABLED": False,
        "LANGUAGES": ["ja", "en", "easy_ja"],
        # Session cookies only over HTTPS: on by default, off while testing or debugging (navi.web.security);
        # NAVI_COOKIE_SECURE=0 for a closed demo network served over plain HTTP.
        "COOKIE_SECURE": _flag(os.environ.get("NAVI_COOKIE_SECURE")),
        # Seconds browsers remember to use HTTPS only (Strict-Transport-Security), sent on requests that came over
        # TLS (directly, or through the trusted proxy's X-Forwarded-Proto); 0 sends none.
        "HSTS_SECONDS": int(os.environ.get("NAVI_HSTS_SECONDS", str(365 * 24 * 3600))),
        # Proxies in front of the app whose X-Forwarded-For/-Proto to trust (0: none, clients connect directly).
        "PROXY_HOPS": int(os.environ.get("NAVI_PROXY_HOPS", "0")),
        # Failed sign-ins allowed per client address, and scans per signed-in clerk (Flask-Limiter notation);
        # counted in the database so every app process shares the count (navi.web.ratelimit).
        "RATELIMIT_SIGN_IN": os.environ.get("NAVI_RATELIMIT_SIGN_IN", "10 per minute"),
        "RATELIMIT_SCAN": os.environ.get("NAVI_RATELIMIT_SCAN", "60 per minute"),
        # Measure each request's own thread CPU time per route into the instance's cpu-meter folder (for
        # bench/load.py; off in service): NAVI_CPU_METER=1.
        "CPU_METER": bool(_flag(os.environ.get("NAVI_CPU_METER"))),
    }


def _flag(value: str | None) -> bool | None:
    """An on/off environment setting: None when unset (the default applies)."""
    if value is None or value.strip() == "":
        return None
    return value.strip().lower() not in ("0", "false", "no", "off")
