"""The command line over the core and the operations layer, as text or JSON.

`parser` holds the words, `main` the dispatch, one module per command group (`reading`,
`writing`, `lists`), `output` how things are written, `context` what a handler gets.
"""

from cookiedesk.cli.main import main, run

__all__ = ["main", "run"]
