"""Counts in words, one way everywhere: "1 cookie", "2 cookies", "1 ad company"."""

from __future__ import annotations

# the words whose plural is not the word and an "s"
_IRREGULAR = {"company": "companies", "ad company": "ad companies",
              "advertising company": "advertising companies", "entry": "entries",
              "copy": "copies"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and the word in the number it needs: plural(1, "cookie") == "1 cookie"."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or _IRREGULAR.get(word) or word + 's'}"
