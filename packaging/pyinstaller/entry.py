"""The bundled program's entry point: the same as the `cookiedesk` command."""

from cookiedesk.cli import run

run()
