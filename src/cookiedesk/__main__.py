"""`python -m cookiedesk` behaves exactly like the `cookiedesk` command."""

from cookiedesk.cli import run

run()
