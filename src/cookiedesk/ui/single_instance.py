"""One window per user and config folder: a second launch asks the first to come to the front
and ends.

The first window listens on a local socket (QLocalServer) whose name is derived from the
user's id and a hash of the config folder, so two users, the tests (each with its own config
folder) and a window on other folders never meet. A socket file left by a window that was
killed answers no one: connecting fails at once, and the stale file is removed before
listening again. Only the window does this; `cookiedesk list`, `delete`… never look.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

ALREADY_OPEN = "CookieDesk is already open; its window was brought to the front."
NO_ANSWER = ("CookieDesk is already open, but its window did not answer; close it, or end it, "
             "and start CookieDesk again.")
_REQUEST = b"raise\n"
_DONE = b"raised\n"
# A live window accepts at once (the kernel queues the connection); its answer waits for its
# event loop, which a scan does not block. Upper bounds for a loaded machine, not pacing.
_CONNECT_MS = 5_000
_ANSWER_MS = 30_000
_MAX_SOCKET_PATH = 100  # sockaddr_un holds 108 bytes on Linux, 104 on macOS


class Address(NamedTuple):
    name: str  # a socket path, or a name Qt places in the temporary folder
    abstract: bool = False  # Linux's abstract namespace: no file, gone when its process is


def server_name(config_dir: Path) -> Address:
    """Where this user's window for this config folder listens. Preferably a socket in the
    user's private runtime folder (no other user can take the name first); without one, on
    Linux, the abstract namespace (no file to go stale or to litter the temporary folder)."""
    folder = os.path.realpath(config_dir)
    user = getattr(os, "getuid", lambda: 0)()
    name = f"cookiedesk-{user}-{hashlib.sha256(os.fsencode(folder)).hexdigest()[:16]}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.name == "posix" and runtime and Path(runtime).is_dir():
        path = str(Path(runtime) / name)
        if len(os.fsencode(path)) <= _MAX_SOCKET_PATH:
            return Address(path)
    return Address(name, abstract=sys.platform.startswith("linux"))


def _options(address: Address) -> QLocalServer.SocketOption:
    return (QLocalServer.SocketOption.AbstractNamespaceOption if address.abstract
            else QLocalServer.SocketOption.UserAccessOption)


def ask_running_window(address: Address) -> str | None:
    """If a window listens there, ask it to come to the front; what to print, or None when
    no window is there (none, or a stale socket)."""
    socket = QLocalSocket()
    if address.abstract:
        socket.setSocketOptions(QLocalSocket.SocketOption.AbstractNamespaceOption)
    socket.connectToServer(address.name)
    if not socket.waitForConnected(_CONNECT_MS):
        return None
    socket.write(_REQUEST)
    socket.waitForBytesWritten(_CONNECT_MS)
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(_ANSWER_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return ALREADY_OPEN if answer == _DONE else NO_ANSWER


class WindowServer(QObject):
    """Listens for a second launch; `raise_requested` on the GUI thread for each one."""

    raise_requested = Signal()

    def __init__(self, address: Address, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(_options(address))
        self.server.newConnection.connect(self._connected)
        if not self.server.listen(address.name) and not address.abstract:
            # no window answered on it (ask_running_window said so): a killed window's socket
            QLocalServer.removeServer(address.name)
            self.server.listen(address.name)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()  # removes the socket file

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).endswith(_REQUEST):
            self.raise_requested.emit()
            socket.write(_DONE)
            socket.flush()


def bring_to_front(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized
                          | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    if os.environ.get("COOKIEDESK_REPORT_RAISE") == "1":  # for the two-process test
        print("window brought to the front", flush=True)
