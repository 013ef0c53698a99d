"""CookieDesk: every browser's cookies in one place, deleted safely."""

__version__ = "0.3.0"
