"""Headless Chromium for the view tests and the README screenshot (tests skip when it is absent)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
)  # fmt: skip


def find_browser() -> str | None:
    """The path of a Chromium-like browser, if one is installed."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_browser(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run the browser headless on ``page`` (a local file) with a fresh, empty profile."""
    browser = find_browser()
    if browser is None:
        raise FileNotFoundError("no Chromium found")
    with tempfile.TemporaryDirectory(prefix="vnx-chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )


def dump_dom(page: Path) -> str:
    """The DOM after the page's scripts ran, serialised."""
    return run_browser(page, "--dump-dom").stdout


def screenshot(page: Path, png: Path, *, width: int = 1400, height: int = 1000) -> None:
    """A PNG of the page as a browser window of ``width`` × ``height`` shows it."""
    run_browser(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
