"""Text that may not be valid Unicode, made safe to show and to write as JSON.

File names on Linux are bytes: Python hands an undecodable one over with each bad byte as a
lone surrogate (U+DC80-U+DCFF, "surrogateescape"), and JSON files may hold escaped lone
surrogates ("\\ud800"). Either kind breaks `print` to a UTF-8 terminal and orjson. Only what
people see is escaped, as `\\xff` (a byte) or `\\ud800` (a lone surrogate): the paths
CookieDesk opens keep their real bytes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` unchanged when it is valid Unicode; otherwise each lone surrogate escaped."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub(_escape, text)
    return text


def printable_path(path: Path | str) -> str:
    return printable(os.fspath(path))
