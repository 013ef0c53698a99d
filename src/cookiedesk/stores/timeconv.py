"""The three clocks browsers store times in, turned into aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

# Seconds between 1601-01-01 (Windows FILETIME epoch, Chromium) and 1970-01-01; the Chromium
# reader converts in SQL with it.
CHROMIUM_EPOCH_OFFSET_S = 11_644_473_600
# Seconds between 1970-01-01 and 2001-01-01 (Mac absolute time, Safari).
_MAC_EPOCH_OFFSET_S = 978_307_200
_MAX_UNIX_S = 253_402_300_799  # 9999-12-31T23:59:59Z, the last moment datetime can hold


# The cookies one page load sets share their creation, access and expiry seconds, so most
# datetimes of a listing are repeats: building each once is a third of a reader's time.
_BY_SECOND: dict[int, datetime] = {}
_CACHE_LIMIT = 500_000


# Readers look a second up here first (a C call) and build it only when missing.
known_moment = _BY_SECOND.get


def from_unix_seconds(seconds: float) -> datetime | None:
    """Whole seconds: every view shows seconds, and equal seconds share one object."""
    if seconds <= 0:
        return None
    # Browsers clamp expiry far in the future; datetime stops at year 9999, so clamp too.
    whole = int(seconds) if seconds < _MAX_UNIX_S else _MAX_UNIX_S
    moment = _BY_SECOND.get(whole)
    if moment is None:
        if len(_BY_SECOND) > _CACHE_LIMIT:
            _BY_SECOND.clear()
        moment = _BY_SECOND[whole] = datetime.fromtimestamp(whole, UTC)
    return moment


def from_mac_absolute(seconds: float) -> datetime | None:
    """Safari: seconds (a double) since 2001-01-01 UTC."""
    if seconds != seconds or seconds <= -_MAC_EPOCH_OFFSET_S:  # NaN or before 1970
        return None
    return from_unix_seconds(seconds + _MAC_EPOCH_OFFSET_S)
