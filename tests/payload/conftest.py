"""Fixtures for the QR hand-off tests: a catalog that knows the eight test questions, keys, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from navi.domain.catalog.loader import load_catalog
from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from tests import factories

NOW = 1_800_000_000  # 2027-01-15 08:00 UTC: every test runs on this clock
POLICY = codec.Policy(max_age_seconds=24 * 3600, clock_skew_seconds=300)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real catalog plus the moving-in questions the test answers need."""
    return factories.with_questions(load_catalog())


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counter's keys folder with a current key (shared: tests that rotate make their own)."""
    folder = tmp_path_factory.mktemp("counter") / "keys"
    keys.generate(folder)
    return folder


@pytest.fixture(scope="session")
def recipient(keys_dir: Path) -> keys.RecipientKey:
    """What a kiosk holds: the counter's key id and public key."""
    return keys.current_recipient(keys_dir)


@pytest.fixture(scope="session")
def keyring(keys_dir: Path) -> keys.Keyring:
    """What the counter holds: its private keys."""
    return keys.load_keyring(keys_dir)


@pytest.fixture(scope="session")
def facts_of(catalog: Catalog) -> Callable[[dict[str, Any]], Facts]:
    """Validated Facts from a factory dict."""
    return lambda data: parse_facts(data, catalog)


@pytest.fixture(scope="session")
def make(catalog: Catalog, recipient: keys.RecipientKey, facts_of) -> Callable[..., list[str]]:
    """The digits of the codes for a factory dict, made at NOW."""
    return lambda data, now=NOW: codec.make_codes(facts_of(data), catalog, recipient, now=now)


@pytest.fixture(scope="session")
def read(catalog: Catalog, keyring: keys.Keyring) -> Callable[..., codec.Received]:
    """Read scans at NOW + 60 s with the test keyring and catalog."""

    def read(scans: list[str], *, now: float = NOW + 60, ring: keys.Keyring = keyring) -> codec.Received:
        return codec.read_codes(scans, ring, {catalog.version: catalog}, POLICY, now=now)

    return read


# A two-person household with one answer, as schema 1 laid it out (made before schema 2 existed, answer keys as
# text, catalog version 0123456789abcdef): codes printed then must still read after the upgrade.
SCHEMA_1_LAYOUT = bytes.fromhex(
    "0123456789abcdef76c19ad509cccdef0309e7a68fe5b2a1e79c8c12e7a68fe5b2a1e5b882e58d9ae5a49ae58cba11e5"
    "8d9ae5a49ae9a785e5898d312d312d310000e7f98c0409e7868ae69cace79c8c12e7868ae69cace5b882e4b8ade5a4ae"
    "e58cba0ce88ab1e79591e794ba312d3112e382b3e383bce3839de88ab1e795913130310002c1220006e7868ae69cac06"
    "e5a4aae9838e0ce382afe3839ee383a2e3838809e382bfe383ade382a6beb4bd090d3039302d313233342d35363738c0"
    "a2180006e7868ae69cac06e88ab1e5ad900ce382afe3839ee383a2e3838809e3838fe3838ae382b394d3be0901001269"
    "6e6b616e5f726567697374726174696f6e02"
)
