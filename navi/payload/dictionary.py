"""The preset DEFLATE dictionary of each layout schema version, read from dictionary_v<N>.txt beside this file.

A dictionary is part of the format: a code made with one inflates only with the same bytes, so each
file's SHA-256 is pinned here and a changed file fails loudly instead of misreading codes in circulation.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent
# SHA-256 of the dictionary bytes (not of the file), per dictionary file.
PINNED = {
    1: "b3ef2c0218db5762365e2e01781fce6581bebc7126e1b0be594b8e16c34a2557",
}
# The dictionary file each schema version compresses with: schema 2 changed only the facts record (who files,
# who claims), so it keeps the first dictionary.
DICTIONARY_OF = {1: 1, 2: 1}


@cache
def preset_dictionary(schema_version: int) -> bytes:
    """The dictionary bytes for a schema version; raises KeyError for an unknown version."""
    number = DICTIONARY_OF[schema_version]
    lines = (_FOLDER / f"dictionary_v{number}.txt").read_text(encoding="utf-8").splitlines()
    data = "".join(line.strip() for line in lines if line.strip() and not line.startswith("#")).encode("utf-8")
    if hashlib.sha256(data).hexdigest() != PINNED[number]:
        raise RuntimeError(f"dictionary_v{number}.txt changed: a new dictionary needs a new schema version")
    return data
