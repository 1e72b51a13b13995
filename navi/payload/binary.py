"""Byte-level primitives for the layout: unsigned LEB128 varints, zigzag ints and length-prefixed UTF-8.

The reader is strict: every malformed input raises `Damaged`, never IndexError or UnicodeDecodeError.
"""

from __future__ import annotations

from navi.payload.errors import Damaged

# A varint longer than this cannot come from our encoder (it only writes values below 2**64).
_MAX_VARINT_BYTES = 10


class Writer:
    """Appends values to a growing byte buffer."""

    def __init__(self) -> None:
        self._out = bytearray()

    def uint(self, value: int) -> None:
        """An unsigned integer below 2**64 as a LEB128 varint."""
        if not 0 <= value < 1 << 64:
            raise ValueError(f"integer out of range for the layout: {value}")
        while value > 0x7F:
            self._out.append(0x80 | (value & 0x7F))
            value >>= 7
        self._out.append(value)

    def sint(self, value: int) -> None:
        """A signed integer in [-2**63, 2**63) as a zigzag varint."""
        if not -(1 << 63) <= value < 1 << 63:
            raise ValueError(f"integer out of range for the layout: {value}")
        self.uint(value * 2 if value >= 0 else -value * 2 - 1)

    def text(self, value: str) -> None:
        """A string as its UTF-8 length then its UTF-8 bytes."""
        data = value.encode("utf-8")
        self.uint(len(data))
        self._out += data

    def raw(self, data: bytes) -> None:
        """Bytes whose length the reader knows from the layout."""
        self._out += data

    def getvalue(self) -> bytes:
        """Everything written so far."""
        return bytes(self._out)


class Reader:
    """Reads values back in the order they were written; raises Damaged on anything malformed."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def uint(self) -> int:
        """The next LEB128 varint."""
        value = 0
        for shift in range(0, 7 * _MAX_VARINT_BYTES, 7):
            if self._pos >= len(self._data):
                raise Damaged("layout ends inside a number")
            byte = self._data[self._pos]
            self._pos += 1
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                if byte == 0 and shift:
                    raise Damaged("number with a redundant byte")  # keeps each value's encoding unique
                return value
        raise Damaged("number too long")

    def sint(self) -> int:
        """The next zigzag varint."""
        value = self.uint()
        return value >> 1 if not value & 1 else -(value >> 1) - 1

    def text(self) -> str:
        """The next length-prefixed UTF-8 string."""
        data = self.raw(self.uint())
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise Damaged("text is not UTF-8") from None

    def raw(self, length: int) -> bytes:
        """The next `length` bytes."""
        if length > len(self._data) - self._pos:
            raise Damaged("layout ends inside a value")
        data = self._data[self._pos : self._pos + length]
        self._pos += length
        return data

    def end(self) -> None:
        """Check that nothing is left over."""
        if self._pos != len(self._data):
            raise Damaged("trailing bytes after the layout")
