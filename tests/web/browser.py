"""Debian's Chromium, driven by Playwright: the only browser these tests use."""

import shutil

from playwright.sync_api import Browser, Playwright

CHROMIUM = shutil.which("chromium")


def launch(playwright: Playwright) -> Browser:
    assert CHROMIUM is not None
    # Playwright's own browser builds are never downloaded: it drives the system's.
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
