"""Replacing a file all at once: the one way svdesk writes a file over another.

    with replacing(path) as tmp:      # a new, empty file beside ``path``
        write_into(tmp)               # any writer: open(), sqlite3's backup, shutil.copyfile …
    # here ``path`` is the new file: flushed to disk, then moved over the old one in one step

If anything fails (or is cancelled) inside the block, the temporary file is removed and
``path`` keeps every byte it had: a reader never sees half a file, and a failed export never
leaves a broken one. The exception goes on to the caller, who knows what to tell the person.
The temporary file sits in the same folder (a move across disks would not be atomic) and is
named ``.NAME.XXXX<suffix>``, hidden, so a leftover after a power cut is recognisable.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from svdesk.store.fileformat import fsync_dir


@contextlib.contextmanager
def replacing(path: str | os.PathLike, suffix: str = ".part") -> Iterator[Path]:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as stream:
            os.fsync(stream.fileno())
        _match_permissions(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # The file is in place; making the rename itself durable is the best we can do on top.
    with contextlib.suppress(OSError):
        fsync_dir(folder)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Text with "\\n" line endings on every system."""
    with replacing(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline="\n") as stream:
            stream.write(text)
    return Path(path)


def _match_permissions(tmp: Path) -> None:
    # mkstemp makes the file private (0600); a saved file should get the person's usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
