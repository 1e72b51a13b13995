"""The result page's QR codes: the facts sealed to the counter's public key, as images for the screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.instance.layout import public_key_file
from navi.payload import codec, keys, render


@dataclass(frozen=True)
class ShownCode:
    """One code on the screen: an image to show and its "k/n" label when the household needs several."""

    data_uri: str
    label: str | None
    version: int


def codes_for(facts: Facts, catalog: Catalog, keys_dir: Path) -> list[ShownCode]:
    """The household's codes; raises keys.KeysError when this kiosk has no usable public key."""
    recipient = keys.load_public(public_key_file(keys_dir))
    made = render.symbols(codec.make_codes(facts, catalog, recipient))
    return [ShownCode(symbol.data_uri("png", scale=6), symbol.label, symbol.version) for symbol in made]
