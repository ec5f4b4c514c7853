"""Reading a document file safely and writing a file whole or not at all.

Reading refuses what is not a regular file (a FIFO or ``/dev/zero`` would be read
forever) and files past :data:`MAX_FILE_BYTES`; writing goes to a temporary file beside
the target and renames it over the target once complete, so a failed write leaves the
earlier file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc.errors import LoadError

__all__ = ["MAX_FILE_BYTES", "read_file", "replacing", "write_bytes", "write_text"]

MAX_FILE_BYTES = 1 << 30
"""The largest file a document may be read from: 1 GiB."""


def read_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path``.

    Raises:
        LoadError: The name is not a valid file name, the file cannot be read, is not a
            regular file, or is larger than :data:`MAX_FILE_BYTES`.
    """
    name = _shown(path)
    try:
        with open(path, "rb", opener=_open_nonblocking) as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise LoadError(name, f"not a regular file ({_kind(status.st_mode)})")
            if status.st_size > MAX_FILE_BYTES:
                raise LoadError(name, _too_large(status.st_size))
            data = stream.read(MAX_FILE_BYTES + 1)
    except (ValueError, UnicodeError) as error:  # NUL or an unencodable character
        if isinstance(error, LoadError):
            raise
        raise LoadError(name, "not a valid file name") from None
    except IsADirectoryError:
        raise LoadError(name, "not a regular file (a directory)") from None
    except OSError as error:
        raise LoadError(name, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        raise LoadError(name, _too_large(len(data)))
    return data


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to the regular file ``path`` in UTF-8, whole (see :func:`write_bytes`).

    Raises:
        OSError: As :func:`write_bytes`.
        UnicodeEncodeError: The text holds characters UTF-8 cannot encode (nothing is
            changed).
    """
    _check_name(path)
    write_bytes(path, text.encode("utf-8"))  # encoded before anything is touched


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to the regular file ``path``, whole or not at all (see :func:`replacing`).

    Raises:
        OSError: The file cannot be written, or its name is not a valid file name
            (nothing is changed).
    """
    with replacing(path) as temporary:
        temporary.write_bytes(data)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write, renamed over it when the block ends.

    An existing file keeps its permissions, a symbolic link stays a link (the file it
    points to is replaced), and a file that may not be written is refused; if the block
    fails, the temporary file is removed and ``path`` is left as it was.

    Raises:
        OSError: The file cannot be written, or its name is not a valid file name.
    """
    _check_name(path)
    path = path.resolve() if path.is_symlink() else path
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(13, "Permission denied", str(path))
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    descriptor, created = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(descriptor)
    temporary = Path(created)
    try:
        yield temporary
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_name(path: Path) -> None:
    try:
        valid = b"\0" not in os.fsencode(path)
    except UnicodeError:
        valid = False
    if not valid:
        raise OSError(errno.EINVAL, "not a valid file name", _shown(path))


def _open_nonblocking(name: str, flags: int) -> int:
    # A FIFO with no writer would block open(); with O_NONBLOCK it opens and fstat tells.
    return os.open(name, flags | getattr(os, "O_NONBLOCK", 0))


def _shown(path: Path) -> str:
    """The name as it can be printed: control characters and surrogates escaped."""
    text = str(path)
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _too_large(size: int) -> str:
    return f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a document may be"


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
