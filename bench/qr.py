"""Measures the QR hand-off against a naive baseline on households of 1, 4, 6 and 14 people.

Ours: positional layout → DEFLATE + preset dictionary → HPKE → digits → numeric QR (EC M, ≤ V20, ≤ 4 codes).
Baseline (no encryption at all): descriptive JSON → zlib → Base45 → alphanumeric QR (EC M, one code).
Run from the repository root: python bench/qr.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import segno

# The test households live in tests/factories.py: make the repository root importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from navi.domain.catalog.loader import load_catalog
from navi.domain.validation import parse_facts
from navi.payload import codec, digits, envelope, keys, parts, render
from tests import factories

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
POLICY = codec.Policy(max_age_seconds=24 * 3600, clock_skew_seconds=300)


def b45encode(data: bytes) -> str:
    """Base45 (RFC 9285): two bytes → three characters, a last odd byte → two."""
    out = []
    for i in range(0, len(data), 2):
        if i + 1 < len(data):
            value, width = data[i] * 256 + data[i + 1], 3
        else:
            value, width = data[i], 2
        for _ in range(width):
            value, rest = divmod(value, 45)
            out.append(BASE45[rest])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """The inverse of b45encode."""
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = [BASE45.index(ch) for ch in text[i : i + 3]]
        value = sum(c * 45**k for k, c in enumerate(chunk))
        out += value.to_bytes(2 if len(chunk) == 3 else 1, "big")
    return bytes(out)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of one call, in milliseconds."""
    action()  # warm-up: caches (the dictionary, the catalog's question ids) are not what we measure
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        action()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times) / 1e6


def area(versions: list[int]) -> int:
    """Modules of all the symbols together (what the camera must resolve)."""
    return sum((17 + 4 * v) ** 2 for v in versions)


def measure(name: str, data: dict, catalog, recipient, keyring, runs: int) -> dict:
    """One household's figures for both pipelines."""
    facts = parse_facts(data, catalog)
    lookup = {catalog.version: catalog}
    codes = codec.make_codes(facts, catalog, recipient)
    message = digits.from_digits(parts.reassemble(codes))
    symbols = render.symbols(codes)
    pngs = [s.png() for s in symbols]

    descriptive = {"catalog_version": catalog.version, **facts.model_dump(mode="json")}
    text = b45encode(zlib.compress(json.dumps(descriptive, ensure_ascii=False).encode("utf-8"), 9))
    baseline_qr = segno.make(text, error="M", mode="alphanumeric", micro=False)
    assert json.loads(zlib.decompress(b45decode(text))) == descriptive

    from PIL import Image

    from navi.payload.images import digits_in_image

    images = [Image.open(io.BytesIO(png)).convert("L") for png in pngs]
    return {
        "name": name,
        "members": len(facts.members),
        "bytes": len(message),
        "digits": sum(len(c) for c in codes),
        "versions": [s.version for s in symbols],
        "encode": median_ms(lambda: codec.make_codes(facts, catalog, recipient), runs),
        "decode": median_ms(lambda: codec.read_codes(codes, keyring, lookup, POLICY), runs),
        "render": median_ms(lambda: [s.png() for s in render.symbols(codes)], max(3, runs // 50)),
        "scan": median_ms(lambda: [digits_in_image(i) for i in images], max(3, runs // 50)),
        "json_bytes": len(json.dumps(descriptive, ensure_ascii=False).encode("utf-8")),
        "b_bytes": len(b45decode(text)),
        "b_chars": len(text),
        "b_version": baseline_qr.version,
        "b_encode": median_ms(
            lambda: b45encode(zlib.compress(json.dumps(descriptive, ensure_ascii=False).encode("utf-8"), 9)), runs
        ),
        "b_decode": median_ms(lambda: json.loads(zlib.decompress(b45decode(text))), runs),
    }


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="timed runs per figure (median reported)")
    runs = parser.parse_args().runs
    catalog = factories.with_questions(load_catalog())
    with tempfile.TemporaryDirectory() as folder:
        keys.generate(Path(folder) / "keys")
        recipient = keys.current_recipient(Path(folder) / "keys")
        keyring = keys.load_keyring(Path(folder) / "keys")
        households = {
            "1 person": factories.household(1),
            "4 people + 8 answers": factories.family_of_four(),
            "6 people + 8 answers": factories.household(6, factories.EIGHT_ANSWERS),
            "14 people, long names": factories.oversized_household(),
        }
        rows = [measure(name, data, catalog, recipient, keyring, runs) for name, data in households.items()]
    print(f"median of {runs} runs; times in ms; ours is encrypted (+{envelope.OVERHEAD} B), the baseline is not\n")
    print(
        f"{'household':24}{'ours: B':>8}{'digits':>8}{'QR M':>12}{'enc':>7}{'dec':>7}{'png':>7}{'scan':>7}"
        f" │ {'JSON B':>7}{'zlib B':>7}{'b45':>6}{'QR M':>6}{'enc':>7}{'dec':>7} │ {'bytes':>6}{'area':>6}"
    )
    for r in rows:
        qr = f"{len(r['versions'])}× V{max(r['versions'])}" if len(r["versions"]) > 1 else f"V{r['versions'][0]}"
        byte_ratio = r["bytes"] / r["b_bytes"]
        area_ratio = area(r["versions"]) / area([r["b_version"]])
        print(
            f"{r['name']:24}{r['bytes']:8}{r['digits']:8}{qr:>12}{r['encode']:7.2f}{r['decode']:7.2f}"
            f"{r['render']:7.1f}{r['scan']:7.1f} │ {r['json_bytes']:7}{r['b_bytes']:7}{r['b_chars']:6}"
            f"{'V' + str(r['b_version']):>6}{r['b_encode']:7.2f}{r['b_decode']:7.2f}"
            f" │ {byte_ratio:6.2f}{area_ratio:6.2f}"
        )
    print("\nratios are ours ÷ baseline: payload bytes, and QR area in modules (all codes together)")


if __name__ == "__main__":
    main()
