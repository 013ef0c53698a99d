"""The named fault-injection points, where deletion and restore have always imported them from.

They live in `cookiedesk.checkpoints`, below every layer, because the scan passes one too and
`stores` must not import `safety`. Only import lines here: `install` and `reached` are the same
functions, so a hook installed through this module is the one every layer calls.
"""

from cookiedesk.checkpoints import POINTS, Hook, install, reached

__all__ = ["POINTS", "Hook", "install", "reached"]
