"""What every command handler gets: its arguments, the streams, and the stores to work on."""

from __future__ import annotations

import argparse
from functools import cached_property

from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores.discovery import Discovery

if TYPE_CHECKING:
    from typing import TextIO

    from cookiedesk.demo import DemoProfile


class Context:
    def __init__(self, args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO,
                 demo: DemoProfile | None = None) -> None:
        self.args, self.stdin, self.out, self.err, self.demo = args, stdin, out, err, demo

    @cached_property
    def found(self) -> Discovery:
        """The stores: the demo's with --demo, else this computer's (found when first asked:
        `policy` or `keep` never look for browsers)."""
        if self.demo is not None:
            return self.demo.discover()
        from cookiedesk.stores.discovery import discover

        return discover()
