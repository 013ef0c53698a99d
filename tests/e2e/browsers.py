"""Drive Debian's real Chromium and Firefox ESR against a loopback server, on a temporary HOME.

Known-good switches (design section 7): Chromium maps every host name to 127.0.0.1 with
--host-resolver-rules; Firefox with the pref network.dns.forceResolve. Both run headless as
root with no display and no network besides loopback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
FIREFOX = shutil.which("firefox-esr")
ONE_YEAR = 365 * 24 * 3600


def require_browser(binary: str | None, package: str) -> str:
    if binary:
        return binary
    if os.environ.get("COOKIEDESK_REQUIRE_E2E") == "1":
        pytest.fail(f"the end-to-end tests need Debian's `{package}`, and it is not installed")
    pytest.skip(f"needs Debian's `{package}` (./scripts/test.sh installs it when run as root)")


@dataclass
class CookieServer:
    """Serves a redirect chain over several host names; every response sets its own cookie."""

    port: int = 0
    set_cookies: list[tuple[str, str]] = field(default_factory=list)  # (host, name) sent
    # hosts visited one after another by /chain/N (sets a cookie) and /echochain/N (does not)
    chain: list[str] = field(default_factory=list)
    received: list[tuple[str, str, str]] = field(default_factory=list)  # (host, path, Cookie)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"


# host → (cookie it sets, where it sends the browser next). Real ad companies' host names are
# safe here: both browsers resolve every name to 127.0.0.1, so nothing leaves the machine.
CHAIN = {
    "komp3.net": ("komp3_member", "news.example.org"),
    "news.example.org": ("pref", "ib.adnxs.com"),
    "ib.adnxs.com": ("uuid2", None),
}
THIRD_PARTY_HOST = "dis.criteo.com"
EXPECTED_VERDICTS = {  # cookie name → (category, company) that CookieDesk must give it
    "komp3_member": ("site", "KOmp3.net"),
    "pref": ("other", None),
    "uuid2": ("ad", "Xandr (Microsoft)"),
    "tp_uid": ("ad", "Criteo"),
    "late_cookie": ("site", "KOmp3.net"),
    "late_session": ("site", "KOmp3.net"),
}


def _handler(server_state: CookieServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                  cookie: str | None = None, session_cookie: str | None = None) -> None:
            host = (self.headers.get("Host") or "").split(":")[0]
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if cookie:
                self.send_header("Set-Cookie", f"{cookie}=from-{host}; Max-Age={ONE_YEAR}; Path=/")
                with server_state.lock:
                    server_state.set_cookies.append((host, cookie))
            if session_cookie:  # no Max-Age: kept in memory and the session file only
                self.send_header("Set-Cookie", f"{session_cookie}=from-{host}; Path=/")
                with server_state.lock:
                    server_state.set_cookies.append((host, session_cookie))
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").split(":")[0]
            with server_state.lock:
                server_state.received.append((host, self.path, self.headers.get("Cookie", "")))
            if self.path == "/favicon.ico":
                self._send(404)  # never sets a cookie: the check must not plant what it checks
            elif self.path == "/echo":
                self._send(200, (self.headers.get("Cookie") or "").encode())
            elif self.path == "/echohop" and host in CHAIN:
                # the same route as /hop, but only reporting what arrives: sets nothing
                _, following = CHAIN[host]
                target = (server_state.url(following, "/echohop") if following
                          else server_state.url("komp3.net", "/echopage"))
                self._send(302, headers={"Location": target})
            elif self.path == "/echopage":
                frame = server_state.url(THIRD_PARTY_HOST, "/echo")
                self._send(200, f'<html><body>echo<iframe src="{frame}"></iframe>'
                                f"</body></html>".encode())
            elif self.path == "/hop" and host in CHAIN:
                name, following = CHAIN[host]
                target = (server_state.url(following, "/hop") if following
                          else server_state.url("komp3.net", "/page"))
                self._send(302, headers={"Location": target}, cookie=name)
            elif self.path == "/page":
                frame = server_state.url(THIRD_PARTY_HOST, "/frame")
                self._send(200, f'<html><body>KOmp3<iframe src="{frame}"></iframe>'
                                f"</body></html>".encode())
            elif self.path == "/frame":
                self._send(200, b"<html>ad</html>", cookie="tp_uid")
            elif self.path.startswith(("/chain/", "/echochain/")):
                # top-level hops, so that every host's cookie is first-party in both browsers
                route, _, number = self.path[1:].partition("/")
                step = int(number) + 1
                if step < len(server_state.chain):
                    target = server_state.url(server_state.chain[step], f"/{route}/{step}")
                    self._send(302, headers={"Location": target},
                               cookie="adtech_id" if route == "chain" else None)
                else:
                    self._send(200, b"<html>end</html>",
                               cookie="adtech_id" if route == "chain" else None)
            elif self.path == "/late":
                self._send(200, b"<html>late</html>", cookie="late_cookie",
                           session_cookie="late_session")
            else:
                self._send(404)

    return Handler


@contextmanager
def cookie_server() -> Iterator[CookieServer]:
    state = CookieServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def chromium_command(user_data_dir: Path, *extra: str) -> list[str]:
    binary = require_browser(CHROMIUM, "chromium")
    return [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--password-store=basic", "--disable-quic", "--host-resolver-rules=MAP * 127.0.0.1",
            f"--user-data-dir={user_data_dir}", *extra]


def run_chromium(user_data_dir: Path, url: str, env: dict[str, str]) -> None:
    """Load `url` (following redirects and iframes), exit, and flush cookies to disk."""
    prefs = user_data_dir / "Default" / "Preferences"
    if not prefs.exists():  # allow third-party cookies, as a desktop Chromium does by default
        prefs.parent.mkdir(parents=True, exist_ok=True)
        prefs.write_text(json.dumps({"profile": {"cookie_controls_mode": 0}}))
    _run(chromium_command(user_data_dir, "--virtual-time-budget=3000", "--dump-dom", url), env)


def firefox_profile(profiles_root: Path, folder: str = "e2e.default-release") -> Path:
    profile = profiles_root / folder
    profile.mkdir(parents=True, exist_ok=True)
    (profiles_root / "profiles.ini").write_text(
        f"[Profile0]\nName=e2e\nIsRelative=1\nPath={folder}\nDefault=1\n\n"
        "[General]\nStartWithLastProfile=1\nVersion=2\n")
    prefs = {
        "network.dns.forceResolve": "127.0.0.1",
        "dom.security.https_first": False,
        "browser.shell.checkDefaultBrowser": False,
        "datareporting.policy.dataSubmissionEnabled": False,
        "toolkit.telemetry.reportingpolicy.firstRun": False,
        "app.update.enabled": False,
        "browser.safebrowsing.update.enabled": False,
        "network.captive-portal-service.enabled": False,
        "network.connectivity-service.enabled": False,
        "browser.startup.homepage_override.mstone": "ignore",
        "browser.sessionstore.interval": 1000,  # write the session file every second
        # real host names on Firefox's HSTS preload list would be fetched over https, which
        # the loopback server does not speak, and the page load would never end
        "network.stricttransportsecurity.preloadlist": False,
    }
    (profile / "user.js").write_text("".join(
        f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
    return profile


def firefox_command(profile: Path, *extra: str) -> list[str]:
    return [require_browser(FIREFOX, "firefox-esr"), "--headless", "-profile", str(profile),
            *extra]


def run_firefox(profile: Path, url: str, env: dict[str, str]) -> None:
    """Load `url` fully (the screenshot waits for the load), then exit."""
    _run(firefox_command(profile, "--screenshot", str(profile.parent / "shot.png"), url), env)


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    if done.returncode != 0:
        noise = ("dbus", "Fontconfig")  # harmless complaints of a desktop-less machine
        tail = [line for line in done.stderr.splitlines() if not any(n in line for n in noise)]
        raise AssertionError(f"{Path(command[0]).name} exited {done.returncode}:\n"
                             + "\n".join(tail[-15:]))


@contextmanager
def running_browser(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield process
    finally:
        # the whole process group: both browsers start helper processes
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll for a state only a real browser reaches (a lock file, a flushed session file);
    the timeout only bounds a broken run, generous enough for a loaded machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def cookies_received(server: CookieServer, path_prefix: str = "/echo") -> dict[str, set[str]]:
    """host → names of the cookies it received on the reporting requests."""
    received: dict[str, set[str]] = {}
    with server.lock:
        for host, path, header in server.received:
            if path.startswith(path_prefix):
                names = {part.split("=", 1)[0].strip() for part in header.split(";") if part}
                received.setdefault(host, set()).update(n for n in names if n)
    return received


def cookiedesk(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command, in the isolated environment the test set up."""
    return subprocess.run([sys.executable, "-m", "cookiedesk", *args], capture_output=True,
                          text=True, timeout=300, check=False, env=dict(os.environ))
