"""Reading and writing whole files safely.

``read_regular_file`` reads only a regular file: a FIFO would block forever
and a device might never end, so they are refused before anything is read.
``write_bytes_atomically`` (and ``write_text_atomically``) writes through a
temporary file in the same folder, so an error (a full disk) or a kill leaves the
old file as it was, never a partial one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

NOT_A_REGULAR_FILE = "not a regular file"


class NotARegularFile(Exception):
    """A FIFO, device, socket or directory: it is not read."""

    def __init__(self) -> None:
        super().__init__(NOT_A_REGULAR_FILE)


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file. It is opened without blocking and checked
    before reading; ``NotARegularFile`` when it is not one, ``OSError`` when it
    cannot be read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise NotARegularFile
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def write_text_atomically(path: Path, text: str, errors: str = "strict") -> None:
    """Write UTF-8 text atomically (see ``write_bytes_atomically``). ``errors`` as for
    ``str.encode`` (``surrogateescape`` writes file names that are not UTF-8 back as
    their own bytes)."""
    write_bytes_atomically(path, text.encode("utf-8", errors))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside ``path``, then rename it into place:
    whatever stops the write (an error, Ctrl-C, a kill) leaves the old file or the new
    one, never a part. On an error the temporary file is removed and the error raised.
    Not synced to the disk (that costs milliseconds a file): after a power cut the
    last files written may be lost."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
