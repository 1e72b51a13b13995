"""Rate limits on signing in and scanning (Flask-Limiter), counted in the app's own database.

Why the database: a city runs several app processes, even several hosts, over one database. Flask-Limiter's
`memory://` storage counts per process, so four gunicorn workers would let an attacker try four times as
often and a restart would forget every count; Redis or Memcached would count across processes but add a
service the ward office's isolated network does not otherwise need. `RATELIMIT_STORAGE_URI` can still name
any of Flask-Limiter's storages (e.g. `memory://` for a single-process demo).
"""

from __future__ import annotations

import time
from typing import ClassVar

from flask import Flask, Response, current_app, request, session
from flask_limiter import Limiter
from limits.storage import Storage
from sqlalchemy import case, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from navi.records.db import engine_for
from navi.records.models import RateLimitCounter

SCHEME = "navi-database"
_TABLE = RateLimitCounter.__table__


class DatabaseStorage(Storage):
    """Fixed-window counters in the `rate_limits` table: one row per key, reset when its window ends."""

    STORAGE_SCHEME: ClassVar[list[str]] = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, database_url: str = "", **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.engine = engine_for(database_url)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` more for `key` (a new window of `expiry` seconds if the last one ended)."""
        now = time.time()
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        ended = _TABLE.c.expires_at <= now
        statement = insert(_TABLE).values(key=key, count=amount, expires_at=now + expiry)
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.key],
            set_={"count": case((ended, amount), else_=_TABLE.c.count + amount),
                  "expires_at": case((ended, now + expiry), else_=_TABLE.c.expires_at)},
        ).returning(_TABLE.c.count)
        with self.engine.begin() as connection:
            return int(connection.execute(statement).scalar_one())

    def get(self, key: str) -> int:
        """The count of the current window (0 when it ended)."""
        with self.engine.connect() as connection:
            found = connection.execute(select(_TABLE.c.count).where(_TABLE.c.key == key,
                                                                     _TABLE.c.expires_at > time.time())).scalar()
        return int(found or 0)

    def get_expiry(self, key: str) -> float:
        """When the current window ends (seconds since the epoch; now when there is none)."""
        with self.engine.connect() as connection:
            found = connection.execute(select(_TABLE.c.expires_at).where(_TABLE.c.key == key)).scalar()
        return max(float(found or 0), time.time())

    def check(self) -> bool:
        """Whether the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every count."""
        with self.engine.begin() as connection:
            count = connection.execute(select(func.count()).select_from(_TABLE)).scalar_one()
            connection.execute(delete(_TABLE))
        return int(count)

    def clear(self, key: str) -> None:
        """Forget one key's count."""
        with self.engine.begin() as connection:
            connection.execute(delete(_TABLE).where(_TABLE.c.key == key))


def purge_expired(database_url: str) -> int:
    """Delete counters whose window has ended (run with `navi records purge`); returns how many."""
    with engine_for(database_url).begin() as connection:
        return connection.execute(delete(_TABLE).where(_TABLE.c.expires_at <= time.time())).rowcount


def client_address() -> str:
    """The client's address (the real one behind a trusted proxy: see NAVI_PROXY_HOPS)."""
    return request.remote_addr or "unknown"


def staff_or_address() -> str:
    """Scans count per signed-in clerk (several clerks may share one address), else per address."""
    staff_id = session.get("staff_id")
    return f"staff:{staff_id}" if staff_id else f"address:{client_address()}"


def charge_scans(extra: int) -> bool:
    """Count `extra` more scans against the limits this request was checked against (a picture with several
    codes is several scans); False when that goes past a limit."""
    limiter = current_app.extensions.get("navi.limiter")
    if limiter is None or extra <= 0:
        return True
    allowed = True
    for limit in limiter.current_limits:
        allowed = limiter.limiter.hit(limit.limit, *limit.request_args, cost=extra) and allowed
    return allowed


def _failed_sign_in(response: Response) -> bool:
    # A successful sign-in redirects; only failures (the form shown again) use up the allowance.
    return response.status_code != 302


def init_app(app: Flask) -> Limiter:
    """A limiter for this app, with the limits on the counter's sign-in and scan routes."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", f"{SCHEME}://")
    if app.config["RATELIMIT_STORAGE_URI"].startswith(f"{SCHEME}:"):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"database_url": app.config["DATABASE_URL"]})
    # Refusals carry Retry-After (navi.web.errors); X-RateLimit-* headers on every response would read the
    # counters twice more per request.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    # If the database is down the request fails on its own with a clear page; the limiter must not add a 500.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter = Limiter(key_func=client_address, app=app, strategy="fixed-window")
    views = app.view_functions
    if app.extensions["navi.role"].serves_staff:
        # Wrapped here rather than decorated in navi.counter: each app has its own limiter and storage.
        views["counter.login"] = limiter.limit(app.config["RATELIMIT_SIGN_IN"], methods=["POST"],
                                               deduct_when=_failed_sign_in, key_func=client_address,
                                               )(views["counter.login"])
        scans = limiter.shared_limit(app.config["RATELIMIT_SCAN"], scope="scan", methods=["POST"],
                                     key_func=staff_or_address)
        for endpoint in ("counter.scan_submit", "counter.scan_picture"):
            views[endpoint] = scans(views[endpoint])
    app.extensions["navi.limiter"] = limiter
    return limiter
