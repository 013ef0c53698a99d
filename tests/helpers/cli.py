"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

import pytest

from cookiedesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`cookiedesk ARGV…`: its exit code, and what it wrote to stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
