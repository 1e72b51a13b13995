"""Why a QR hand-off could not be read: one exception class per failure, each with a stable `code`.

The counter shows the clerk a message chosen by `code` (the words live with the UI), so codes never change.
"""

from __future__ import annotations


class PayloadError(Exception):
    """Base of every failure the QR codec reports; `code` is stable, the message is for logs."""

    code = "payload_error"


class NotOurCode(PayloadError):
    """The scan is not a Todokede Navi code (another barcode, or an unknown format version)."""

    code = "not_our_code"


class PartMissing(PayloadError):
    """A split code was scanned only in part; `missing` lists the 1-based parts still needed of `count`."""

    code = "part_missing"

    def __init__(self, missing: list[int], count: int):
        names = ", ".join(f"{k} of {count}" for k in missing)
        super().__init__(f"part {names} is missing")
        self.missing = missing
        self.count = count


class SeveralHouseholds(PayloadError):
    """One picture shows codes of more than one household (only the parts of one split code may share one)."""

    code = "several_households"


class Damaged(PayloadError):
    """The digits do not decode or decrypt: mistyped, truncated, tampered with, or made for another key."""

    code = "damaged"


class UnknownKey(PayloadError):
    """The code names a key id this counter holds no private key for."""

    code = "unknown_key"

    def __init__(self, key_id: int):
        super().__init__(f"no private key with id {key_id}")
        self.key_id = key_id


class Expired(PayloadError):
    """The code was issued longer ago than the counter accepts."""

    code = "expired"


class IssuedInFuture(PayloadError):
    """The code claims an issue time later than now plus the tolerated clock skew."""

    code = "issued_in_future"


class UnknownCatalogVersion(PayloadError):
    """The code names a catalog version the counter does not keep."""

    code = "unknown_catalog_version"

    def __init__(self, version: str):
        super().__init__(f"unknown catalog version {version}")
        self.version = version


class TooLarge(PayloadError):
    """The data is over the size limit (after inflation when reading; too many codes when making)."""

    code = "too_large"


class InvalidFacts(PayloadError):
    """The code decrypted but its household facts fail validation; `problems` come from parse_facts."""

    code = "invalid_facts"

    def __init__(self, problems: list):
        super().__init__(f"{len(problems)} problem(s) in the household facts")
        self.problems = problems
