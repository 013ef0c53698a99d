"""The window's deletions and undo, from the request to the summary: plan and check off the
GUI thread, the preview (with Retry), the deletion through the writer queue, and the summary
in the operations layer's own lines (the words the command line prints: per store, the total,
the backup id and the confirmation code)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cookiedesk.model import Cookie, Store
from cookiedesk.operations.deleting import DeleteSummary, Prepared, session_file_note
from cookiedesk.operations.restoring import RestoreSummary
from cookiedesk.ui.controller import Operations
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.summary_box import SummaryBox
from cookiedesk.wording import plural


class DeletionFlow(QObject):
    """`busy(str)`: work on the stores started; `done()`: it ended (rescan);
    `status(str, int)`: a passing message and how long it shows (ms);
    `undo_requested()`: the summary's Undo button. `last_outcome` is the one line the status
    bar keeps showing after the rescan, until the next deletion or undo."""

    busy = Signal(str)
    done = Signal()
    status = Signal(str, int)
    undo_requested = Signal()

    def __init__(self, ops: Operations, window: QWidget) -> None:
        super().__init__(window)
        self.ops, self.window = ops, window
        self.preview: DeletePreview | None = None
        self.summary_box: SummaryBox | None = None
        self.last_summary = ""
        self.last_outcome = ""
        self._stores: list[Store] = []  # what the open preview was planned over
        # a deletion or undo handed to the writer queue and not yet answered: the window
        # stays busy until then, even when a scan started before it ends first
        self.running = False
        ops.failed.connect(self._stopped)
        ops.prepared.connect(self._prepared)
        ops.deleted.connect(self._deleted)
        ops.restored.connect(self._restored)
        ops.nothing_to_restore.connect(self._nothing_to_restore)
        # a restore from the history dialog (which shows its own lines): the status bar's
        # line must not go on saying the last deletion happened
        ops.backup_restored.connect(self._restored_from_history)

    def ask(self, cookies: list[Cookie], stores: list[Store]) -> None:
        """Plan and check; the preview opens with the answer."""
        if not cookies:
            self.status.emit("Nothing to delete.", 4000)
            return
        self.status.emit("Checking that the browsers are closed…", 0)
        self._stores = stores
        self.ops.prepare(cookies, stores)

    def _prepared(self, prepared: Prepared, cookies: list[Cookie]) -> None:
        self.status.emit("", 0)
        preview = self.preview
        if preview is not None and preview.isVisible() and preview.cookies is cookies:
            preview.show_refusals(prepared)  # the answer to its Retry
            return
        deletion = prepared.plan
        if not deletion.stores:
            why = [f"{deletion.kept} are on your keep-list"] if deletion.kept else []
            if deletion.session_only:
                why.append(session_file_note(deletion.session_only))
            self.status.emit("Nothing to delete" + (": " + "; ".join(why) if why else "."),
                             8000)
            return
        self.preview = preview = DeletePreview(prepared, cookies, self.window)
        stores = self._stores
        preview.retry_requested.connect(lambda: self.ops.prepare(cookies, stores))
        preview.accepted.connect(lambda: self._run(preview.prepared))
        preview.open()

    def _stopped(self, *_: object) -> None:
        self.running = False

    def _run(self, prepared: Prepared) -> None:
        self.running = True
        self.last_outcome = ""
        self.busy.emit(f"Deleting {plural(prepared.plan.total, 'cookie')} (a backup is kept)…")
        self.ops.delete(prepared)

    def _deleted(self, summary: DeleteSummary) -> None:
        self.running = False
        result = summary.result
        self.last_outcome = (f"Deleted {plural(result.deleted, 'cookie')}; confirmation code "
                             f"{result.code} (Undo: Ctrl+Z)." if summary.changed else "")
        self._show("Deleted" if summary.changed else "Nothing deleted", summary.lines(),
                   result.code, can_undo=summary.changed)

    def undo(self, stores: list[Store]) -> None:
        self.running = True
        self.last_outcome = ""
        self.busy.emit("Putting back the last deletion…")
        self.ops.undo(stores)

    def _restored(self, summary: RestoreSummary) -> None:
        self.running = False
        result = summary.result
        self.last_outcome = "" if result.refused else (
            f"Undo: put back {plural(result.restored, 'cookie')} from backup "
            f"{result.backup_id}.")
        self._show("Undo", summary.lines())

    def _restored_from_history(self, summary: RestoreSummary) -> None:
        result = summary.result
        if not result.refused:
            self.last_outcome = (f"Put back {plural(result.restored, 'cookie')} from backup "
                                 f"{result.backup_id}.")

    def _nothing_to_restore(self, why: str) -> None:
        self.running = False
        self.done.emit()
        self.status.emit(f"Nothing to undo: {why}.", 6000)

    def _show(self, title: str, lines: list[str], code: str | None = None,
              can_undo: bool = False) -> None:
        """Every deletion and undo ends here: the box stays until closed (the rescan that
        follows does not touch it), and `last_outcome` outlives the rescan in the status bar."""
        self.last_summary = "\n".join(lines)
        if self.summary_box is not None:
            self.summary_box.close()  # the last one's answer is superseded
        self.summary_box = SummaryBox(title, lines, code, can_undo, self.window)
        self.summary_box.undo_requested.connect(self.undo_requested)
        self.summary_box.open()
        self.done.emit()
