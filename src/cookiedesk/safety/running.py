"""The running-browser check, where deletion and restore have always imported it from.

The check itself reads lock files and nothing else, so it lives with the readers in
`cookiedesk.stores.running`: the scan needs it, and `stores` must not import `safety` (that was
the stores ↔ safety import cycle). Only import lines here.
"""

from cookiedesk.stores.running import NOT_RUNNING, RunningState, check

__all__ = ["NOT_RUNNING", "RunningState", "check"]
