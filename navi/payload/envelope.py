"""HPKE (RFC 9180) base mode, X25519 / HKDF-SHA256 / AES-128-GCM, under a clear 6-byte header.

The header (format version, key id, issue time) is passed as HPKE `info`, so editing any of it makes
decryption fail: the clear copy is only a hint for choosing the key and checking the time.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from navi.payload.errors import Damaged, NotOurCode

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
_HEADER = struct.Struct(">BBI")  # format version, key id, issued at (Unix seconds, unsigned: until 2106)
_CONTEXT = b"todokede-navi qr\x00"  # keeps these keys' ciphertexts from being valid in any other protocol
OVERHEAD = _HEADER.size + 32 + 16  # header, X25519 key share, GCM tag


@dataclass(frozen=True)
class Header:
    """The clear header of a message."""

    format_version: int
    key_id: int
    issued_at: int

    def pack(self) -> bytes:
        """The header's 6 bytes."""
        return _HEADER.pack(self.format_version, self.key_id, self.issued_at)


def seal(plaintext: bytes, header: Header, public_key: X25519PublicKey) -> bytes:
    """Header followed by the HPKE ciphertext of plaintext to public_key, bound to the header."""
    clear = header.pack()
    return clear + _SUITE.encrypt(plaintext, public_key, info=_CONTEXT + clear)


def read_header(message: bytes, known_formats: frozenset[int]) -> Header:
    """The clear header; NotOurCode for a format this reader does not know, Damaged for a stub."""
    if len(message) < OVERHEAD:
        raise Damaged("message too short")
    header = Header(*_HEADER.unpack_from(message))
    if header.format_version not in known_formats:
        raise NotOurCode(f"unknown format version {header.format_version}")
    return header


def open_sealed(message: bytes, private_key: X25519PrivateKey) -> bytes:
    """The plaintext; Damaged if the message was altered anywhere or was sealed to another key."""
    clear = message[: _HEADER.size]
    try:
        return _SUITE.decrypt(message[_HEADER.size :], private_key, info=_CONTEXT + clear)
    except (InvalidTag, ValueError):
        raise Damaged("does not decrypt: altered, or made for another counter's key") from None
