"""The QR hand-off from kiosk to counter: layout, compression, encryption, digits, symbols, keys.

`codec.make_codes` and `codec.read_codes` are the way in; `errors` lists every way reading can fail.
"""
