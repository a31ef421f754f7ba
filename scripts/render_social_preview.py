"""Renders static/img/social-preview.svg to the 1200x630 PNG that link previews show.

The Open Graph image (og:image in templates/base.html) must be a bitmap; the SVG is its
source. Run again after editing the SVG, with Debian's chromium installed (as for the
browser tests):

    .venv/bin/python scripts/render_social_preview.py
"""

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parent.parent / "static" / "img"
SOURCE = IMAGES / "social-preview.svg"
TARGET = IMAGES / "social-preview.png"
SIZE = {"width": 1200, "height": 630}


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport=SIZE)
        page.goto(SOURCE.as_uri())
        page.screenshot(path=TARGET, clip={"x": 0, "y": 0, **SIZE})
        browser.close()
    print(f"Wrote {TARGET.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
