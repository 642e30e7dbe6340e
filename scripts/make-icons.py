"""Draws the favicon, touch icons and sharing image from the SVG logo, with Debian's Chromium.

Run again after changing network_site/static/images/logo*.svg:
    .venv/bin/python scripts/make-icons.py
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parents[1] / "network_site" / "static" / "images"
MARK = (IMAGES / "logo-mark.svg").read_text()
LOGO = (IMAGES / "logo.svg").read_text()


def square_icon(size, padding):
    inner = size - 2 * padding
    return (
        f'<body style="margin:0;background:#fff;width:{size}px;height:{size}px">'
        f'<div style="padding:{padding}px;width:{inner}px;height:{inner}px">'
        f"{MARK.replace('<svg ', f'<svg width="{inner}" height="{inner}" ', 1)}</div></body>"
    )


SHARING_IMAGE = (
    '<body style="margin:0;width:1200px;height:630px;background:#fff;display:flex;'
    "flex-direction:column;justify-content:center;align-items:center;border-top:24px solid #0065bd;"
    'box-sizing:border-box;font-family:Roboto,Arial,sans-serif">'
    f"{LOGO.replace('width="340" height="64"', 'width="900" height="169"', 1)}"
    '<p style="font-size:34px;color:#333;margin:48px 80px 0;text-align:center">'
    "An open network for support built around what matters to each person</p></body>"
)


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()

        def shoot(html, width, height):
            page.set_viewport_size({"width": width, "height": height})
            page.set_content(html)
            return page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height})

        (IMAGES / "apple-touch-icon.png").write_bytes(shoot(square_icon(180, 14), 180, 180))
        (IMAGES / "icon-192.png").write_bytes(shoot(square_icon(192, 16), 192, 192))
        (IMAGES / "icon-512.png").write_bytes(shoot(square_icon(512, 40), 512, 512))
        (IMAGES / "sharing.png").write_bytes(shoot(SHARING_IMAGE, 1200, 630))
        favicon = Image.open(io.BytesIO(shoot(square_icon(64, 0), 64, 64)))
        favicon.save(IMAGES / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
