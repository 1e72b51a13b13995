"""The QR hand-off end to end: household facts → digits of 1–4 codes, and scans → validated facts.

Making (kiosk): layout → DEFLATE with the schema's dictionary → HPKE to the counter's public key →
digits → frames. Reading (counter) undoes each step and checks, in this order: the frames, the digits,
the header, the key, decryption, the issue time, the size, the catalog version, then parse_facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.validation import FactsInvalid, parse_facts
from navi.payload import compression, digits, envelope, layout, parts, render
from navi.payload.errors import Expired, InvalidFacts, IssuedInFuture, UnknownCatalogVersion
from navi.payload.keys import Keyring, RecipientKey

# The format version in the header names the layout, its dictionary and this envelope together. Codes are made
# with the newest; every earlier one still reads (a code printed before an upgrade reaches the counter after it).
FORMAT_VERSION = layout.SCHEMA_VERSION
KNOWN_FORMATS = frozenset(layout.SCHEMA_VERSIONS)

CatalogLookup = Mapping[str, Catalog] | Callable[[str], Catalog | None]


@dataclass(frozen=True)
class Policy:
    """How old a code may be and how far ahead of the counter's clock its issue time may lie (seconds)."""

    max_age_seconds: int
    clock_skew_seconds: int

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Policy:
        """The policy from app settings (navi.config: QR_MAX_AGE_SECONDS, QR_CLOCK_SKEW_SECONDS)."""
        return cls(int(settings["QR_MAX_AGE_SECONDS"]), int(settings["QR_CLOCK_SKEW_SECONDS"]))


@dataclass(frozen=True)
class Opened:
    """A decrypted code before facts validation: the data is still untrusted."""

    data: dict[str, Any]
    catalog: Catalog
    key_id: int
    issued_at: dt.datetime
    digest: str


@dataclass(frozen=True)
class Received:
    """A code read and validated: the facts, the catalog version to plan with, and a digest for replays."""

    facts: Facts
    catalog_version: str
    key_id: int
    issued_at: dt.datetime
    digest: str  # SHA-256 of the message bytes: the counter remembers it to spot a code scanned twice


def make_codes(facts: Facts, catalog: Catalog, recipient: RecipientKey, *, now: float | None = None) -> list[str]:
    """The digits of each QR code carrying these facts (one code, or up to four parts)."""
    message = seal_message(facts, catalog, recipient, now=now)
    return parts.frame(digits.to_digits(message), render.capacity(render.MAX_VERSION))


def seal_message(facts: Facts, catalog: Catalog, recipient: RecipientKey, *, now: float | None = None) -> bytes:
    """The encrypted message bytes for these facts (header + HPKE ciphertext)."""
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    issued_at = int(time.time() if now is None else now)
    header = envelope.Header(FORMAT_VERSION, recipient.key_id, issued_at)
    return envelope.seal(compression.deflate(packed, layout.SCHEMA_VERSION), header, recipient.public_key)


def read_codes(
    scans: Iterable[str],
    keyring: Keyring,
    catalogs: CatalogLookup,
    policy: Policy,
    *,
    now: float | None = None,
) -> Received:
    """Validated facts from scanned text (wedge input or image reads, parts in any order); raises PayloadError."""
    opened = open_codes(scans, keyring, catalogs, policy, now=now)
    try:
        facts = parse_facts(opened.data, opened.catalog)
    except FactsInvalid as error:
        raise InvalidFacts(error.problems) from None
    return Received(facts, opened.catalog.version, opened.key_id, opened.issued_at, opened.digest)


def open_codes(
    scans: Iterable[str],
    keyring: Keyring,
    catalogs: CatalogLookup,
    policy: Policy,
    *,
    now: float | None = None,
) -> Opened:
    """Everything read_codes does except validating the facts."""
    if isinstance(scans, str):  # one scan passed bare: not a sequence of one-character scans
        scans = [scans]
    message = digits.from_digits(parts.reassemble(digits.scanned_digits(scan) for scan in scans))
    return open_message(message, keyring, catalogs, policy, now=now)


def open_message(
    message: bytes, keyring: Keyring, catalogs: CatalogLookup, policy: Policy, *, now: float | None = None
) -> Opened:
    """Decrypt and unpack message bytes, checking key, time, size and catalog version."""
    header = envelope.read_header(message, KNOWN_FORMATS)
    plaintext = envelope.open_sealed(message, keyring.private_key(header.key_id))
    # Checked after decryption: the clear header is only trustworthy once the AEAD has vouched for it.
    _check_time(header.issued_at, time.time() if now is None else now, policy)
    packed = compression.inflate(plaintext, header.format_version)
    version = layout.catalog_version_of(packed)
    catalog = catalogs.get(version) if isinstance(catalogs, Mapping) else catalogs(version)
    if catalog is None:
        raise UnknownCatalogVersion(version)
    _, data = layout.unpack(packed, layout.question_ids(catalog), header.format_version)
    issued = dt.datetime.fromtimestamp(header.issued_at, tz=dt.UTC)
    return Opened(data, catalog, header.key_id, issued, hashlib.sha256(message).hexdigest())


def _check_time(issued_at: int, now: float, policy: Policy) -> None:
    if issued_at > now + policy.clock_skew_seconds:
        raise IssuedInFuture(f"issued {issued_at - now:.0f} s in the future")
    if now - issued_at > policy.max_age_seconds:
        raise Expired(f"issued {(now - issued_at) / 3600:.1f} h ago")
