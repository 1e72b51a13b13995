"""Reads the codes in an uploaded picture in a child process of its own, one picture at a time per host.

Why a child: decoding a large picture takes hundreds of MB that a long-running worker never hands back to the
system (eight clerks' pictures took gunicorn's workers from 761 to 3,258 MB); a child returns all of it when
it ends, its address space is capped, and a decoder crash ends the child, not the worker. Why one at a time:
the pictures of every worker on the host then cost the memory of one.
"""

from __future__ import annotations

import fcntl
import json
import resource
import subprocess
import sys
from pathlib import Path

from navi.payload.errors import NotOurCode

# Address space the child may use: the interpreter and its libraries, a 50-megapixel RGBA picture decoded
# whole (200 MB), its grey copy and zxing's working copies.
CHILD_ADDRESS_SPACE = 1536 * 1024 * 1024
# Seconds a child may take: the largest picture allowed takes about two on an idle core, many times that on a
# machine under load (the wait for the lock is not counted).
CHILD_SECONDS = 60


def digits_in_picture_isolated(data: bytes, lock_file: Path) -> list[str]:
    """The text of each QR code in the picture, read by a child process while holding the host's picture lock;
    NotOurCode when it shows none, is no picture, or the child fails."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this thread dies
        try:
            done = subprocess.run([sys.executable, "-m", "navi.payload.picture_process"], input=data,
                                  capture_output=True, timeout=CHILD_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise NotOurCode("reading the picture took too long") from None
    if done.returncode != 0:
        raise NotOurCode(done.stderr.decode("utf-8", "replace").strip()[-200:] or "the picture reader failed")
    return json.loads(done.stdout)


def main() -> int:
    """The child: a picture on stdin, the codes' texts as JSON on stdout, or why not on stderr (exit 2)."""
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))
    from navi.payload.images import digits_in_picture

    try:
        texts = digits_in_picture(sys.stdin.buffer.read())
    except (NotOurCode, MemoryError) as error:
        sys.stderr.write(f"{type(error).__name__}: {error}\n")
        return 2
    sys.stdout.write(json.dumps(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
