"""Raw DEFLATE (level 9) with the schema's preset dictionary, and an inflate that stops at a size cap.

Anyone holding the public key can make a code, so a decompression bomb can arrive validly encrypted:
inflating never produces more than MAX_INFLATED bytes, whatever the input.
"""

from __future__ import annotations

import zlib

from navi.payload.dictionary import preset_dictionary
from navi.payload.errors import Damaged, TooLarge

# Far above any real household (the 14-person test household lays out in about 2 KiB) and small enough
# that a hostile code costs the counter nothing.
MAX_INFLATED = 32 * 1024
_RAW = -15  # wbits for a raw DEFLATE stream: no zlib header or checksum (HPKE already authenticates)


def deflate(data: bytes, schema_version: int) -> bytes:
    """Compress layout bytes with the schema's dictionary."""
    if len(data) > MAX_INFLATED:
        raise TooLarge(f"layout of {len(data)} bytes is over the {MAX_INFLATED}-byte limit")
    packer = zlib.compressobj(9, zlib.DEFLATED, _RAW, 9, zlib.Z_DEFAULT_STRATEGY, preset_dictionary(schema_version))
    return packer.compress(data) + packer.flush()


def inflate(data: bytes, schema_version: int, limit: int = MAX_INFLATED) -> bytes:
    """Decompress, refusing output over `limit` bytes (TooLarge) and malformed streams (Damaged)."""
    unpacker = zlib.decompressobj(_RAW, preset_dictionary(schema_version))
    try:
        out = unpacker.decompress(data, limit + 1)
    except zlib.error:
        raise Damaged("compressed data is malformed") from None
    if len(out) > limit:
        raise TooLarge(f"data inflates to more than {limit} bytes")
    if not unpacker.eof or unpacker.unused_data or unpacker.unconsumed_tail:
        raise Damaged("compressed data is cut short or has trailing bytes")
    return out
