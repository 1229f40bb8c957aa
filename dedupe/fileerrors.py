"""What an operating-system error on a file means, in words, with what to do about it.

Every file a user names (a store, a configuration file, a baseline, a saved report, an
output) can fail to open for the same handful of reasons; `explain` turns the `OSError` into
one line naming the path, so no message ever shows ``[Errno 2]`` or Python's own wording.
The fix depends on whether the file was being read or written: a missing file to read is a
wrong path, a read-only folder to write into means writing elsewhere.
"""

from __future__ import annotations

import errno
import os

# errno: (the line when reading, the line when writing).
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: (
        "{path}: no such file or folder; check the path",
        # the folders of an output are made first: this is a place that takes no new files
        "{path}: no file can be created there; write elsewhere",
    ),
    errno.EISDIR: ("{path}: is a folder; give a file", "{path}: is a folder; give a file name"),
    errno.ENOTDIR: (
        "{path}: a part of the path is a file, not a folder; fix the path",
        "{path}: a part of the path is a file, not a folder; fix the path",
    ),
    # making a folder where a file of that name is in the way
    errno.EEXIST: (
        "{path}: a part of the path is a file, not a folder; fix the path",
        "{path}: a part of the path is a file, not a folder; fix the path",
    ),
    errno.EACCES: (
        "{path}: permission denied; make the file readable",
        "{path}: permission denied; make its folder writable or write elsewhere",
    ),
    errno.EPERM: (
        "{path}: not permitted; make the file readable",
        "{path}: not permitted; make its folder writable or write elsewhere",
    ),
    errno.EROFS: (
        "{path}: the filesystem is read-only; copy the file to a writable place",
        "{path}: the filesystem is read-only; write elsewhere",
    ),
    errno.ENOSPC: (
        "no space left on {path}; free some space",
        "no space left on {path}; free some space or write elsewhere",
    ),
    errno.EDQUOT: (
        "disk quota exceeded for {path}; free some space",
        "disk quota exceeded for {path}; free some space or write elsewhere",
    ),
    errno.EFBIG: (
        "{path}: file too large for this filesystem; split the file",
        "{path}: file too large for this filesystem; write elsewhere",
    ),
    errno.ENAMETOOLONG: (
        "{path}: the name is too long; give a shorter one",
        "{path}: the name is too long; give a shorter one",
    ),
    errno.ELOOP: (
        "{path}: a loop of symbolic links; fix the links",
        "{path}: a loop of symbolic links; fix the links",
    ),
    errno.EIO: (
        "{path}: input/output error (a failing disk or network mount?); check the disk",
        "{path}: input/output error (a failing disk or network mount?); write elsewhere",
    ),
}


def explain(path: str | os.PathLike[str], exc: OSError, writing: bool = False) -> str:
    """One line saying what ``exc`` means for ``path``, and what to do.

    ``writing`` picks the fix for a file being written (an output, a new store) rather
    than read. An error number without words of its own falls back to the system's text.
    """
    where = os.fspath(path)
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        verb = "write" if writing else "read"
        fix = "write elsewhere" if writing else "check the file"
        return f"{where}: cannot {verb} ({exc.strerror or type(exc).__name__}); {fix}"
    reading, written = reason
    return (written if writing else reading).format(path=where)
