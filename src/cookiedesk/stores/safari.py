"""Safari's `Cookies.binarycookies` (macOS): a small paged binary format, read only here.

Layout (reference/cookie-stores.md 3.2): magic `cook`; big-endian page count and page sizes;
the pages; a big-endian checksum (the sum of every fourth byte of every page); an 8-byte
footer; an optional binary plist. A page: `00 00 01 00`, little-endian cookie count and record
offsets, four zero bytes, records. A record (little-endian): size, an unknown word, flags
(1 secure, 4 httponly), an unknown word, offsets of domain, name, path and value (from the
record's start), eight bytes of comment offsets, expiry and creation as doubles since
2001-01-01, then NUL-terminated strings.

Every offset and length is checked against the bytes that are really there, so damaged or
hostile input raises BinaryCookiesError and nothing else, and never loops or allocates beyond
the input's size.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from cookiedesk import safe_read
from cookiedesk.model import Classify, Cookie, CookieKey, Store
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import PERMISSION_DENIED, StoreError
from cookiedesk.stores.timeconv import from_mac_absolute

FILE_MAGIC = b"cook"
PAGE_MAGIC = b"\x00\x00\x01\x00"
FOOTER = b"\x07\x17\x20\x05\x00\x00\x00\x4b"
FLAG_SECURE = 0x1
FLAG_HTTPONLY = 0x4
RECORD_HEADER = struct.Struct("<IIIIIIII8sdd")  # 56 bytes
_PAGE_HEADER_BYTES = 8  # magic + cookie count
_MAX_FILE_BYTES = safe_read.MAX_SAFARI_FILE_BYTES  # far above any real jar


class BinaryCookiesError(ValueError):
    """The bytes are not a well-formed Safari cookie file; the message says where."""


@dataclass(frozen=True, slots=True)
class SafariRecord:
    domain: str
    name: str
    path: str
    value_size: int
    flags: int
    expires: float  # Mac absolute time
    created: float
    page: int
    index: int  # position within its page


@dataclass(frozen=True, slots=True)
class ParsedJar:
    records: list[SafariRecord]
    checksum_ok: bool | None  # None when the file ends without a checksum
    raw: list[list[bytes]]  # each page's records, byte for byte (for rewriting)
    trailer: bytes  # everything after the checksum (footer, plist), kept verbatim


def _u32_be(data: bytes, offset: int, what: str) -> int:
    if offset + 4 > len(data):
        raise BinaryCookiesError(f"the file ends inside the {what}")
    return int.from_bytes(data[offset : offset + 4], "big")


def checksum(pages: list[bytes]) -> int:
    return sum(page[i] for page in pages for i in range(0, len(page), 4)) & 0xFFFFFFFF


def _c_string(record: bytes, offset: int, what: str) -> str:
    if offset == 0:
        return ""
    if not RECORD_HEADER.size <= offset < len(record):
        raise BinaryCookiesError(f"the {what} offset points outside its record")
    end = record.find(b"\x00", offset)
    if end < 0:
        raise BinaryCookiesError(f"the {what} is not terminated")
    return record[offset:end].decode("utf-8", errors="replace")


def _parse_record(record: bytes, page: int, index: int) -> SafariRecord:
    (_size, _unknown, flags, _unknown2, domain_at, name_at, path_at, value_at, _comments,
     expires, created) = RECORD_HEADER.unpack_from(record)
    value_size = 0
    if value_at:
        if not RECORD_HEADER.size <= value_at < len(record):
            raise BinaryCookiesError("the value offset points outside its record")
        end = record.find(b"\x00", value_at)
        if end < 0:
            raise BinaryCookiesError("the value is not terminated")
        value_size = end - value_at  # the size only: a value never leaves the parser
    return SafariRecord(
        domain=_c_string(record, domain_at, "domain"),
        name=_c_string(record, name_at, "name"),
        path=_c_string(record, path_at, "path"),
        value_size=value_size,
        flags=flags,
        expires=expires,
        created=created,
        page=page,
        index=index,
    )


def _parse_page(page: bytes, page_no: int) -> list[tuple[SafariRecord, bytes]]:
    if page[:4] != PAGE_MAGIC:
        raise BinaryCookiesError(f"page {page_no} does not start with the page marker")
    if len(page) < _PAGE_HEADER_BYTES:
        raise BinaryCookiesError(f"page {page_no} is too short")
    count = int.from_bytes(page[4:8], "little")
    offsets_end = _PAGE_HEADER_BYTES + 4 * count
    if offsets_end > len(page):
        raise BinaryCookiesError(f"page {page_no} claims more cookies than it can hold")
    records = []
    for index in range(count):
        at = _PAGE_HEADER_BYTES + 4 * index
        start = int.from_bytes(page[at : at + 4], "little")
        if start + RECORD_HEADER.size > len(page) or start < offsets_end:
            raise BinaryCookiesError(f"cookie {index} of page {page_no} lies outside the page")
        size = int.from_bytes(page[start : start + 4], "little")
        if size < RECORD_HEADER.size or start + size > len(page):
            raise BinaryCookiesError(f"cookie {index} of page {page_no} has an impossible size")
        raw = page[start : start + size]
        records.append((_parse_record(raw, page_no, index), raw))
    return records


def parse(data: bytes) -> ParsedJar:
    """Parse a whole binarycookies file; raise BinaryCookiesError on any inconsistency."""
    if len(data) > _MAX_FILE_BYTES:
        raise BinaryCookiesError("the file is far larger than any Safari cookie file")
    if data[:4] != FILE_MAGIC:
        raise BinaryCookiesError("the file does not start with 'cook'")
    page_count = _u32_be(data, 4, "page count")
    if 8 + 4 * page_count > len(data):
        raise BinaryCookiesError("the page table is longer than the file")
    # Each page takes its table entry and at least a page header: checked before a list of
    # millions of sizes is built for a file that cannot hold them.
    if 8 + (4 + _PAGE_HEADER_BYTES) * page_count > len(data):
        raise BinaryCookiesError(f"the file ({len(data)} bytes) is too short for the "
                                 f"{page_count} page{'' if page_count == 1 else 's'} its page "
                                 "table lists")
    sizes = list(struct.unpack_from(f">{page_count}I", data, 8))
    at = 8 + 4 * page_count
    pages = []
    for number, size in enumerate(sizes):
        if at + size > len(data):
            raise BinaryCookiesError(f"page {number} runs past the end of the file")
        pages.append(data[at : at + size])
        at += size
    parsed = [_parse_page(page, number) for number, page in enumerate(pages)]
    checksum_ok = None
    if at + 4 <= len(data):
        checksum_ok = _u32_be(data, at, "checksum") == checksum(pages)
    return ParsedJar([r for page in parsed for r, _ in page], checksum_ok,
                     [[raw for _, raw in page] for page in parsed], data[at + 4 :])


def build(pages: list[list[bytes]], trailer: bytes) -> bytes:
    """A binarycookies file from records (byte for byte) grouped in pages, with the checksum
    recomputed and the trailer (footer and plist) kept as it was."""
    built = []
    for records in pages:
        header_size = _PAGE_HEADER_BYTES + 4 * len(records) + 4
        offsets, at = [], header_size
        for record in records:
            offsets.append(at)
            at += len(record)
        built.append(PAGE_MAGIC + struct.pack("<I", len(records))
                     + b"".join(struct.pack("<I", o) for o in offsets) + b"\x00\x00\x00\x00"
                     + b"".join(records))
    head = FILE_MAGIC + struct.pack(">I", len(built)) + b"".join(
        struct.pack(">I", len(p)) for p in built)
    return head + b"".join(built) + struct.pack(">I", checksum(built)) + (trailer or FOOTER)


def read(store: Store, classify: Classify | None = None) -> StoreContents:
    try:
        data = safe_read.read_bytes(store.path, _MAX_FILE_BYTES)
    except safe_read.UnsafeFile as exc:
        raise StoreError(store.path, exc.reason) from None
    except FileNotFoundError:
        raise StoreError(store.path, "the file no longer exists") from None
    except PermissionError as exc:
        # macOS answers EPERM (not EACCES) when privacy protection blocks the read.
        if exc.errno == 1:
            raise StoreError(
                store.path,
                "macOS blocks access: allow CookieDesk under System Settings → Privacy & "
                "Security → Full Disk Access, then rescan",
            ) from None
        raise StoreError(store.path, PERMISSION_DENIED) from None
    except OSError as exc:
        raise StoreError(store.path, f"the file cannot be read ({exc.strerror or exc})") from None
    try:
        jar = parse(data)
    except BinaryCookiesError as exc:
        raise StoreError(store.path, f"not a readable Safari cookie file: {exc}") from None
    warnings = []
    if jar.checksum_ok is False:
        warnings.append("the file's checksum does not match its pages; shown read-only")
    cookies = [_cookie(store, number, record, classify)
               for number, record in enumerate(jar.records)]
    return StoreContents(store._replace(schema_version=None), cookies, warnings)


def _cookie(
    store: Store, number: int, record: SafariRecord, classify: Classify | None
) -> Cookie:
    expires = from_mac_absolute(record.expires)
    return Cookie(
        browser=store.browser,
        profile=store.profile,
        store_id=store.id,
        host=record.domain,
        name=record.name,
        path=record.path,
        partition="",
        container="",
        expires=expires,
        created=from_mac_absolute(record.created),
        last_access=None,
        secure=bool(record.flags & FLAG_SECURE),
        httponly=bool(record.flags & FLAG_HTTPONLY),
        samesite="unspecified",
        session=expires is None,
        size=len(record.name.encode()) + record.value_size,
        key=CookieKey(store.id, number, (record.domain, record.name, record.path)),
        verdict=classify(record.domain, record.name) if classify else None,
    )

