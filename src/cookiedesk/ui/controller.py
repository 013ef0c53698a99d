"""The window's and the guide's operations: the core's Qt-free operations layer run through the
task helper, answers as signals on the GUI thread.

Everything here that touches disk or processes (reading stores, loading the classifier and the
policy, keep-list edits, backups, the report, checking for running browsers, revealing a value)
runs in `tasks`, never on the GUI thread: a slow disk, a keychain prompt or a hung process
then freezes nothing. Reads go beside each other; writes queue one after the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from cookiedesk import export, report
from cookiedesk.classify import userlists
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.policy import policy_text
from cookiedesk.model import Cookie, Store
from cookiedesk.operations import deleting, history, restoring
from cookiedesk.safety import running
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult, scan
from cookiedesk.ui import tasks
from cookiedesk.ui.site import first_site


class Loaded(NamedTuple):
    """A classifier and the policy text of its site ("" with no site profile)."""

    classifier: Classifier
    policy_markdown: str


def _load(config_dir: Path) -> Loaded:
    classifier = Classifier.load(config_dir)
    site = first_site(classifier)
    return Loaded(classifier, policy_text(site) if site is not None else "")


class Operations(QObject):
    """One per window or guide. `data_dir`/`config_dir`: where backups and lists live."""

    classifier_loaded = Signal(object)  # Loaded
    scanned = Signal(object, int)  # ScanResult, the scan's number (see scan)
    prepared = Signal(object, object)  # deleting.Prepared, the cookies asked for
    deleted = Signal(object)  # deleting.DeleteSummary
    restored = Signal(object)  # restoring.RestoreSummary
    nothing_to_restore = Signal(str)  # why, as a sentence
    report_built = Signal(str)
    report_saved = Signal(str)  # the path
    exported = Signal(str, int)  # the path, how many cookies
    running_checked = Signal(object)  # list[tuple[Store, RunningState]], in the order asked
    revealed = Signal(str)  # a cookie's value: shown, never logged
    keep_list_read = Signal(object)  # list[str]: the keep-list's domains, sorted
    history_read = Signal(object)  # list[history.HistoryRow], newest first
    backup_restored = Signal(object)  # restoring.RestoreSummary of a backup chosen by id
    restore_refused = Signal(str)  # why that backup cannot be restored, as a sentence
    failed = Signal(str)  # any operation's failure, as a sentence
    delete_failed = Signal(str)  # a deletion's failure (also on `failed`)

    def __init__(self, data_dir: Path, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.config_dir = data_dir, config_dir
        self.loaded: Loaded | None = None
        # set by Cancel: a deletion or restore stops before the next store, never inside one
        self.stop = threading.Event()

    @property
    def classifier(self) -> Classifier | None:
        return self.loaded.classifier if self.loaded else None

    def _read(self, work: Callable[[], Any], done: Callable[[Any], None]) -> tasks.Task:
        return tasks.run_read(work, done, self.failed.emit, context=self)

    def _write(self, work: Callable[[], Any], done: Callable[[Any], None],
               failed: Callable[[str], None] | None = None) -> tasks.Task:
        return tasks.run_write(work, done, failed or self.failed.emit, context=self)

    def _take(self, loaded: Loaded) -> None:
        if loaded is not self.loaded:
            self.loaded = loaded
            self.classifier_loaded.emit(loaded)

    # --------------------------------------------------------------------------- reading

    def load_classifier(self) -> tasks.Task:
        config = self.config_dir
        return self._read(lambda: _load(config), self._take)

    def scan(self, discover: Callable[[], Discovery], number: int = 0) -> tasks.Task:
        """Read the stores `discover` finds (loading the classifier first if need be)."""
        config, loaded = self.config_dir, self.loaded

        def work() -> tuple[Loaded, ScanResult]:
            ready = loaded or _load(config)
            return ready, scan(discover(), classify=ready.classifier.verdict)

        def done(answer: tuple[Loaded, ScanResult]) -> None:
            self._take(answer[0])
            self.scanned.emit(answer[1], number)

        return self._read(work, done)

    def prepare(self, cookies: list[Cookie], stores: list[Store]) -> tasks.Task:
        """Plan and check (a browser running, another CookieDesk writing): nothing changes."""
        data = self.data_dir
        return self._read(lambda: deleting.prepare(cookies, stores, data),
                          lambda prepared: self.prepared.emit(prepared, cookies))

    def check_running(self, stores: list[Store]) -> tasks.Task:
        return self._read(lambda: [(s, running.check(s)) for s in stores],
                          self.running_checked.emit)

    def build_report(self, result: ScanResult) -> tasks.Task:
        data, config = self.data_dir, self.config_dir
        return self._read(lambda: _report_text(result, data, config), self.report_built.emit)

    def read_keep_list(self) -> tasks.Task:
        config = self.config_dir
        return self._read(lambda: userlists.keep_list(config), self.keep_list_read.emit)

    def read_history(self) -> tasks.Task:
        data = self.data_dir
        return self._read(lambda: history.history(data), self.history_read.emit)

    def reveal(self, store: Store, cookie: Cookie) -> tasks.Task:
        def work() -> str:
            from cookiedesk.stores import values

            try:
                return values.reveal(store, cookie)
            except values.ValueUnavailable as exc:
                return f"(cannot show it: {exc})"

        return self._read(work, self.revealed.emit)

    # --------------------------------------------------------------------------- writing

    def delete(self, prepared: deleting.Prepared) -> tasks.Task:
        self.stop.clear()
        data, config, stop = self.data_dir, self.config_dir, self.stop.is_set
        def failed(message: str) -> None:
            self.delete_failed.emit(message)
            self.failed.emit(message)

        return self._write(lambda: deleting.delete(prepared, data, config, should_stop=stop),
                           self.deleted.emit, failed)

    def undo(self, stores: list[Store]) -> tasks.Task:
        """Put back the newest deletion that has anything left to put back."""
        return self._restore(None, stores, self.restored.emit, self.nothing_to_restore.emit)

    def restore_backup(self, backup_id: str, stores: list[Store]) -> tasks.Task:
        """Put back the deletion `backup_id` (any one in the history, not only the newest);
        a backup that cannot be restored (damaged, already restored) is refused, in words."""
        return self._restore(backup_id, stores, self.backup_restored.emit,
                             self.restore_refused.emit)

    def _restore(self, backup_id: str | None, stores: list[Store],
                 restored: Callable[[restoring.RestoreSummary], None],
                 refused: Callable[[str], None]) -> tasks.Task:
        self.stop.clear()
        data, config, stop = self.data_dir, self.config_dir, self.stop.is_set

        def work() -> restoring.RestoreSummary | str:
            try:
                chosen = restoring.choose(data, backup_id)
            except restoring.NothingToRestore as exc:
                return str(exc)
            return restoring.restore(chosen, stores, data, config, should_stop=stop)

        def done(answer: restoring.RestoreSummary | str) -> None:
            if isinstance(answer, str):
                refused(answer)
            else:
                restored(answer)

        return self._write(work, done)

    def keep(self, domains: Iterable[str], add: bool) -> tasks.Task:
        """Add the domains to the keep-list (or take them off), then reload the classifier
        (its verdicts say which cookies are kept); classifier_loaded follows."""
        config, wanted = self.config_dir, list(domains)

        def work() -> Loaded:
            if add:
                for domain in wanted:
                    userlists.keep_add(config, domain)
            else:
                kept = set(userlists.keep_list(config))
                for domain in set(wanted) & kept:  # the list may name the site or a host
                    userlists.keep_remove(config, domain)
            return _load(config)

        return self._write(work, self._take)

    def save_report(self, path: Path, result: ScanResult) -> tasks.Task:
        data, config = self.data_dir, self.config_dir

        def work() -> str:
            try:
                report.save(path, _report_text(result, data, config))
            except OSError as exc:
                raise OSError(f"the report could not be saved: {exc.strerror or exc}") from None
            return str(path)

        return self._write(work, self.report_saved.emit)


    def export(self, path: Path, cookies: list[Cookie]) -> tasks.Task:
        """Write the cookies (never a value) to `path` as CSV or JSON, by its suffix; a
        failure comes on `failed` as export's own sentence."""
        prefix = f"{export.ExportFailed.__name__}: "

        def failed(message: str) -> None:
            self.failed.emit(message.removeprefix(prefix))

        return self._write(lambda: (str(path), export.write(path, cookies)),
                           lambda answer: self.exported.emit(*answer), failed)


def _report_text(result: ScanResult, data_dir: Path, config_dir: Path) -> str:
    return report.as_text(report.build(result, data_dir, len(userlists.keep_list(config_dir))))
