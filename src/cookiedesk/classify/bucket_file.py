"""The EasyList/EasyPrivacy hosts of the cached index, kept beside its JSON and read lazily.

A `list` of 6,600 cookies asks about a few hundred hosts, hence a few hundred of the 16,384
buckets; decoding and splitting all 2 MB of them took ~14 ms of every command that classifies.
So the file is a table of offsets (little-endian uint32, one per bucket and one past the end)
followed by the buckets' text, and a bucket is decoded the first time it is asked for.
"""

from __future__ import annotations

import sys
from array import array

from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from cookiedesk.classify.index import ListBuckets

_ITEM = 4  # bytes per offset
_CHECKED_AT_ONCE = 1 << 15  # bytes of text per slice checked (below malloc's mmap threshold)


def pack(buckets: ListBuckets) -> bytes:
    offsets = array("I", [0])
    data = bytearray()
    for number in range(len(buckets)):
        data += buckets[number].encode("ascii")
        offsets.append(len(data))
    if sys.byteorder != "little":  # pragma: no cover - the file is the same everywhere
        offsets.byteswap()
    return offsets.tobytes() + bytes(data)


class Buckets:
    """`buckets[k]` is bucket k's text, decoded once; ValueError if `raw` is not such a file."""

    def __init__(self, raw: bytes, count: int) -> None:
        header = (count + 1) * _ITEM
        if len(raw) < header:
            raise ValueError("not a bucket file of this index (too short)")
        offsets = array("I")
        offsets.frombytes(raw[:header])
        if sys.byteorder != "little":  # pragma: no cover
            offsets.byteswap()
        if len(offsets) != count + 1 or offsets[0] != 0 or offsets[-1] != len(raw) - header:
            raise ValueError("not a bucket file of this index")
        # Checked whole here (~0.5 ms), not bucket by bucket later: a damaged bucket found in
        # the middle of a listing could only end the command, never compile the index again.
        # The text is checked a slice at a time: one 2 MB copy is ~1 ms of fresh memory in a new
        # process, small slices reuse the same few pages.
        listed = offsets.tolist()
        if listed != sorted(listed) or not all(
                raw[start:start + _CHECKED_AT_ONCE].isascii()
                for start in range(header, len(raw), _CHECKED_AT_ONCE)):
            raise ValueError("a damaged bucket file")
        self._raw, self._header, self._offsets = raw, header, offsets
        self._decoded: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, number: int) -> str:
        text = self._decoded.get(number)
        if text is None:
            start, end = self._offsets[number], self._offsets[number + 1]
            text = self._raw[self._header + start:self._header + end].decode("ascii")
            self._decoded[number] = text
        return text
