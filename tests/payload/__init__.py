"""Tests of the QR hand-off (navi.payload)."""
