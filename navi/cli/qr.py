"""`navi qr`: make and read the encrypted hand-off (design.md §5). Exit codes: 0 done, 2 bad input, 1 other."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from navi.cli.support import fail, keys_dir_option, keys_folder
from navi.config import defaults, instance_path
from navi.domain.catalog.loader import load_catalog
from navi.domain.catalog.model import Catalog
from navi.domain.validation import FactsInvalid, parse_facts
from navi.payload import codec, render
from navi.payload import keys as keyfiles
from navi.payload.errors import InvalidFacts, PayloadError


@click.group()
def qr() -> None:
    """Make and read the encrypted QR hand-off."""


@qr.command()
@click.argument("facts_file", metavar="FACTS", type=click.File("r", encoding="utf-8"))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for the files.")
@click.option("--public-key", type=click.Path(dir_okay=False, path_type=Path), help="Kiosk: the counter's public.json.")
@keys_dir_option
def make(facts_file, out: Path, public_key: Path | None, keys_dir: Path | None) -> None:
    """Write the QR code(s) for a household facts file as PNG and SVG."""
    catalog = load_catalog()
    try:
        facts = parse_facts(json.load(facts_file), catalog)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        fail(f"{facts_file.name}: not JSON ({error})", 2)
    except FactsInvalid as error:
        fail(_problems(error.problems), 2)
    try:
        if public_key:
            recipient = keyfiles.load_public(public_key)
        else:
            recipient = keyfiles.current_recipient(keys_folder(keys_dir))
        symbols = render.symbols(codec.make_codes(facts, catalog, recipient))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    except PayloadError as error:
        fail(f"{error.code}: {error}", 2)
    out.mkdir(parents=True, exist_ok=True)
    for k, symbol in enumerate(symbols, start=1):
        stem = out / (f"qr-{k}of{len(symbols)}" if len(symbols) > 1 else "qr")
        stem.with_suffix(".png").write_bytes(symbol.png())
        stem.with_suffix(".svg").write_text(symbol.svg(), encoding="utf-8")
        click.echo(f"{stem}.png  {stem}.svg  version {symbol.version}" + (f"  {symbol.label}" if symbol.label else ""))


@qr.command()
@click.argument("images", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--digits", "text", help="Scanner input (all parts, any order); - reads stdin.")
@keys_dir_option
def read(images: tuple[Path, ...], text: str | None, keys_dir: Path | None) -> None:
    """Decode, decrypt and validate codes; print the facts JSON or one error line (exit 2)."""
    if bool(images) == (text is not None):
        raise click.UsageError("give either IMAGE files or --digits TEXT")
    try:
        keyring = keyfiles.load_keyring(keys_folder(keys_dir))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    policy = codec.Policy.from_settings(defaults(instance_path()))
    try:
        if images:
            from navi.payload.images import digits_in_image

            scans = [found for image in images for found in digits_in_image(image)]
        else:
            scans = [sys.stdin.read() if text == "-" else text]
        received = codec.read_codes(scans, keyring, _installed_catalog, policy)
    except InvalidFacts as error:
        fail(f"{error.code}: {_problems(error.problems)}", 2)
    except PayloadError as error:
        fail(f"{error.code}: {error}", 2)
    click.echo(json.dumps(received.facts.model_dump(mode="json"), ensure_ascii=False, indent=2))


def _installed_catalog(version: str) -> Catalog | None:
    # Loaded only once a code has decrypted: a bad scan is refused without reading the catalog files.
    catalog = load_catalog()
    return catalog if catalog.version == version else None


def _problems(problems: list) -> str:
    return "; ".join(f"{p.path} {p.code}" for p in problems)
