"""The one place the counter meets the QR codec (navi.payload): scans in, a case or a clear failure out.

Parts of a split code are kept per clerk between scans; a complete code is decrypted and validated by
`navi.payload.codec.read_codes`, planned with the catalog version it names, and recorded once.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from navi.payload import codec
from navi.payload.errors import NotOurCode, PartMissing, PayloadError
from navi.payload.keys import KeysError, load_keyring
from navi.records import cases, scans
from navi.records.models import CaseRecord, StaffUser
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
    """Read every QR code in an uploaded picture and submit each as a scan."""
    try:
        texts = digits_in_picture(data)
    except PayloadError:
        log.info("scan rejected code=unreadable source=image")
        return ScanOutcome(failure="unreadable")
    outcome = ScanOutcome(failure="unreadable")
    for text in texts:
        outcome = submit_scan(session, user, text)
    return outcome


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
    return codec.read_codes(texts, load_keyring(config["KEYS_DIR"]), version_catalog,
                            codec.Policy.from_settings(config))


# Pixels a picture may have: a phone photo is about 12 million; more is a mistake or a decompression bomb.
MAX_PICTURE_PIXELS = 50_000_000


def digits_in_picture(data: bytes) -> list[str]:
    """The text of each QR code in an uploaded picture; NotOurCode when there is none or it is no picture."""
    import warnings

    from PIL import Image  # only the picture path needs Pillow and zxing-cpp

    from navi.payload.images import digits_in_image

    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, as pictures get enormous: refuse at once, before decoding anything.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > MAX_PICTURE_PIXELS:
                    raise NotOurCode(f"picture of {width}×{height} pixels is too large")
                picture: Any = opened.convert("L")
    except NotOurCode:
        raise
    except Exception:  # a hostile file can make Pillow's decoders raise almost anything
        raise NotOurCode("not a readable picture") from None
    return digits_in_image(picture)
