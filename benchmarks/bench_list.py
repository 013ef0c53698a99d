"""`cookiedesk list --json` against the floor (bare sqlite3) and browser-cookie3, as processes.

Builds a temporary HOME with one Chromium profile (schema 24, values encrypted the way
Chromium's basic store on Linux does it, so browser-cookie3 really decrypts them) and one
Firefox profile (schema 17), COOKIES cookies each over many sites, then times whole processes,
interleaved, and prints medians. A private D-Bus session serves all three so that
browser-cookie3 can run on a machine without a desktop (it needs one to fall back to
Chromium's built-in key); it costs the other two nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from Cryptodome.Cipher import AES
from Cryptodome.Protocol.KDF import PBKDF2
from Cryptodome.Util.Padding import pad

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

COOKIES = 3300
KEY = PBKDF2(b"peanuts", b"saltysalt", 16, 1)

BARE = """
import sqlite3, sys
for path, table in ((sys.argv[1], "cookies"), (sys.argv[2], "moz_cookies")):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = db.execute(f"SELECT * FROM {table}").fetchall()
    db.close()
"""
BC3 = """
import sys, browser_cookie3
jar = browser_cookie3.chromium(cookie_file=sys.argv[1])
jar2 = browser_cookie3.firefox(cookie_file=sys.argv[2])
assert len(jar) + len(jar2) == int(sys.argv[3]), (len(jar), len(jar2))
"""


def encrypt(host: str, value: str) -> bytes:
    plain = pad(hashlib.sha256(host.encode()).digest() + value.encode(), 16)
    return b"v10" + AES.new(KEY, AES.MODE_CBC, b" " * 16).encrypt(plain)


def build(home: Path) -> tuple[Path, Path]:
    # Realistic times: a page load sets about ten cookies in one second; loads are spread over
    # a year; lifetimes are the common Max-Age values. (Identical times would flatter caches.)
    lifetimes = [86_400, 30 * 86_400, 90 * 86_400, 365 * 86_400, 390 * 86_400]
    cookies = []
    for i in range(COOKIES):
        created = 1_735_000_000 + (i // 10) * 9_551
        cookies.append(TestCookie(
            f".site{i % 400}.example", f"cookie{i}", value=f"value-{i:08d}-" + "x" * 24,
            secure=i % 3 == 0, httponly=i % 5 == 0, created_unix=created,
            accessed_unix=created + (i % 7) * 86_400,
            expires_unix=created + lifetimes[i % len(lifetimes)]))
    for c in cookies:
        c.encrypted_value = encrypt(c.host, c.value)
    chromium = chromium_profile(home / ".config/chromium", "Default", "Bench", 24, cookies)
    for c in cookies:
        c.encrypted_value = b""
    firefox = firefox_profile(home / ".mozilla/firefox", "bench.default", "Bench", 17, cookies)
    return chromium, firefox


def baseline_tree(revision: str, folder: Path) -> Path:
    """`src` and `resources` of a revision, unpacked: its cookiedesk package, importable."""
    import io
    import tarfile

    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(root), "archive", revision, "src", "resources"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", metavar="REV", action="append", default=[],
                        help="also time `list --json` of this git revision, interleaved "
                        "(repeatable: each revision is timed in the same run)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cookiedesk-bench-"))
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        home = folder / "home"
        chromium, firefox = build(home)
        # PYTHONDONTWRITEBYTECODE (set in some development shells) would make every run
        # recompile CookieDesk from source; installed copies always have their bytecode.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("XDG_") and k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"HOME": str(home), "DBUS_SESSION_BUS_ADDRESS": address,
                "COOKIEDESK_CONFIG_DIR": str(folder / "cfg"),
                "COOKIEDESK_DATA_DIR": str(folder / "data"),
                "COOKIEDESK_CACHE_DIR": str(folder / "cache")}
        cookiedesk = str(Path(sys.executable).with_name("cookiedesk"))
        commands = {
            "bare sqlite3 SELECT (floor)": [sys.executable, "-c", BARE, str(chromium),
                                           str(firefox)],
            "cookiedesk list --json": [cookiedesk, "list", "--json"],
            "browser-cookie3 load": [sys.executable, "-c", BC3, str(chromium), str(firefox),
                                     str(2 * COOKIES)],
        }
        envs = dict.fromkeys(commands, env)
        for number, revision in enumerate(args.baseline):  # the same console-script entry,
            old = baseline_tree(revision, folder / f"baseline-{number}")  # old tree first
            label = f"cookiedesk list --json ({revision})"
            commands[label] = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(old)!r})"
                               "; from cookiedesk.cli import run; sys.exit(run())",
                               "list", "--json"]
            envs[label] = env | {"COOKIEDESK_CACHE_DIR": str(folder / f"cache-baseline-{number}")}
        out = subprocess.run(commands["cookiedesk list --json"], env=env, check=True,
                             capture_output=True, text=True).stdout
        assert out.count('"name"') == 2 * COOKIES, "cookiedesk did not list every cookie"
        for name, command in commands.items():  # warm the page cache and .pyc files
            timed(command, envs[name])
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(timed(command, envs[name]))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        floor = medians["bare sqlite3 SELECT (floor)"]
        print(f"{2 * COOKIES} cookies in 2 stores, median of {args.runs} runs each")
        for name, value in medians.items():
            print(f"  {name:<30} {value * 1000:7.1f} ms   {value / floor:4.2f}x floor")
        ours, bc3 = medians["cookiedesk list --json"], medians["browser-cookie3 load"]
        within = ours <= 3 * floor and ours < bc3
        verdict = "met" if within else "MISSED"
        print(f"budget (≤ 3x floor and faster than browser-cookie3): {verdict}")
        return 0 if within else 1
    finally:
        daemon.kill()
        daemon.communicate()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
