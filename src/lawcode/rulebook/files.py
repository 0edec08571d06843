"""Reading input files without trusting them: regular files only, bounded in size, UTF-8 with a place.

Every file lawcode reads on a user's behalf (facts, rule files, feature files, results files) goes
through ``read_input_text``: a FIFO or device is refused before it is opened (so nothing blocks), a
file over its limit is refused before it is read (so nothing fills memory), and bytes that are not
UTF-8 are reported at their line and column.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from lawcode.errors import N_, LawcodeError, Location, Message

MB = 1 << 20
_KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe")), (stat.S_ISCHR, N_("a device")),
          (stat.S_ISBLK, N_("a device")), (stat.S_ISSOCK, N_("a socket")))


def size_limit(variable: str, default: int) -> int:
    """A size limit in bytes: the environment variable ``variable`` (in bytes) if set to a number, else ``default``."""
    given = os.environ.get(variable, "").strip()
    return int(given) if given.isdigit() and int(given) > 0 else default


def read_input_text(path: str | Path, what: Message, error: type[LawcodeError], limit: int,
                    limit_hint: Message | str | None = None, display: str | None = None) -> str:
    """The UTF-8 text of the regular file ``path`` (a leading byte-order mark dropped), or ``error``.

    ``what`` names the file in messages (``Message(N_("facts file"))``); ``limit`` is its largest size in bytes, and
    ``limit_hint`` says how to raise it.
    """
    name = display or str(path)
    where = Location(name)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(Message(N_("{what} not found"), what=what), where,
                    Message(N_("check the path"))) from None
    except (OSError, ValueError) as e:
        reason = "a symbolic link that leads round in a loop" if getattr(e, "errno", None) == errno.ELOOP \
            else getattr(e, "strerror", None) or str(e)
        raise error(Message(N_("cannot read {what}: {reason}"), what=what, reason=reason),
                    where) from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in _KINDS if test(info.st_mode)), N_("not a regular file"))
        raise error(Message(N_("{what} is {kind}, not a file"), what=what, kind=Message(kind)),
                    where, Message(N_("give the path of a regular file"))) from None
    if info.st_size > limit:
        raise error(Message(N_("{what} is {size} bytes, over the limit of {limit} bytes"), what=what,
                            size=f"{info.st_size:,}", limit=f"{limit:,}"), where, limit_hint)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(Message(N_("cannot read {what}: {reason}"), what=what,
                            reason=e.strerror or str(e)), where) from None
    if len(data) > limit:  # it grew after the check
        raise error(Message(N_("{what} is over the limit of {limit} bytes"), what=what,
                            limit=f"{limit:,}"), where, limit_hint)
    return decode_utf8(data, name, error)


def decode_utf8(data: bytes, name: str, error: type[LawcodeError]) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped); a bad byte is reported at its line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        start = e.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        line_end = data.find(b"\n", start)
        text = data[line_start:line_end if line_end >= 0 else len(data)].decode("utf-8", "backslashreplace")
        raise error(Message(N_("not UTF-8 text: byte 0x{byte} cannot be read"), byte=f"{data[start]:02x}"),
                    Location(name, line, column, text), Message(N_("save the file as UTF-8"))) from None
