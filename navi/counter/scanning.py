"""The one place the counter meets the QR codec (navi.payload): scans in, a case or a clear failure out.

Parts of a split code are kept per clerk between scans; a complete code is decrypted and validated by
`navi.payload.codec.read_codes`, planned with the catalog version it names, and recorded once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app
from sqlalchemy.orm import Session

from navi.instance.layout import InstanceLayout, public_key_file
from navi.payload import codec, parts
from navi.payload.errors import PartMissing, PayloadError
from navi.payload.keys import KeysError, counter_keyring
from navi.payload.picture_process import digits_in_picture_isolated
from navi.records import cases, scans
from navi.records.models import CaseRecord, StaffUser
from navi.web import ratelimit
from navi.web.extensions import version_catalog
from navi.web.templating import office_zone

log = logging.getLogger("navi.counter")


@dataclass(frozen=True)
class ScanOutcome:
    """What a scan led to: a case (new or already received), parts still missing, or a failure code."""

    case: CaseRecord | None = None
    created: bool = False
    collected: int = 0
    count: int = 0
    missing: tuple[int, ...] = ()
    failure: str | None = None
    detail: str = ""


def submit_scan(session: Session, user: StaffUser, text: str) -> ScanOutcome:
    """Add one scan (a whole code or a part) and act on what the parts so far make up."""
    parts, _ = scans.pending_parts(session, user.id)
    try:
        received = _read([*parts, text])
    except KeysError as error:
        # The counter's own key file is damaged: nothing can be read until it is restored (the message names it).
        log.error("scan refused: %s", error)
        return ScanOutcome(failure="keys_unusable", detail=str(error))
    except PayloadError as error:
        if parts and not isinstance(error, PartMissing):
            # Parts from an earlier household must not spoil a new code: try this scan alone.
            scans.forget_parts(session, user.id)
            return submit_scan(session, user, text)
        return _not_read(session, user, [*parts, text], error)
    if parts:
        scans.forget_parts(session, user.id)
    case, created = cases.receive_code(session, received.facts, version_catalog(received.catalog_version),
                                       received.digest, user.username, office_zone())
    log.info("scan accepted case=%s receipt=%s new=%s", case.id, case.receipt_no, created)
    return ScanOutcome(case=case, created=created)


def submit_image(session: Session, user: StaffUser, data: bytes) -> ScanOutcome:
    """Read the QR codes in an uploaded picture and submit them as one scan: one household per picture, and
    every code read counts against the clerk's scan limit (a 429 once that is used up)."""
    try:
        texts = digits_in_picture_isolated(data, InstanceLayout(Path(current_app.instance_path)).picture_lock)
    except PayloadError:
        log.info("scan rejected code=unreadable source=image")
        return ScanOutcome(failure="unreadable")
    if not ratelimit.charge_scans(len(texts) - 1):  # the request itself was the first
        log.info("scan rejected code=rate_limited source=image codes=%d", len(texts))
        abort(429)
    try:
        text = parts.one_household(texts)
    except PayloadError as error:
        log.info("scan rejected code=%s source=image codes=%d", error.code, len(texts))
        return ScanOutcome(failure=error.code)
    return submit_scan(session, user, text)


def progress(session: Session, user: StaffUser) -> ScanOutcome:
    """How many parts of a split code this clerk has scanned so far."""
    parts, count = scans.pending_parts(session, user.id)
    return ScanOutcome(collected=len(parts), count=count)


def discard(session: Session, user: StaffUser) -> None:
    """Forget the parts scanned so far."""
    scans.forget_parts(session, user.id)


def _not_read(session: Session, user: StaffUser, parts: list[str], error: PayloadError) -> ScanOutcome:
    if isinstance(error, PartMissing):
        scans.keep_parts(session, user.id, parts, error.count)
        collected = error.count - len(error.missing)
        return ScanOutcome(collected=collected, count=error.count, missing=tuple(error.missing))
    # Logs carry only the failure's code: the message may quote decoded household data.
    log.info("scan rejected code=%s", error.code)
    return ScanOutcome(failure=error.code)


def _read(texts: list[str]) -> codec.Received:
    config = current_app.config
    keyring = counter_keyring(config["KEYS_DIR"], public_key_file(config["KEYS_DIR"]))
    return codec.read_codes(texts, keyring, version_catalog,
                            codec.Policy.from_settings(config))
