"""Regenerates svdesk's icon files from resources/icons/svdesk.svg (run by hand after changing it).

    python packaging/make_icons.py

Writes svdesk-<size>.png (the window icon and the Linux hicolor theme), svdesk.ico (Windows: the
executable, the installer and the shortcuts) and svdesk.icns (macOS) beside the SVG. The results
are committed, so a build needs neither this script nor a rasteriser. Qt renders the SVG (the
same renderer the app uses); Pillow, which reportlab already brings, packs the .ico and .icns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 512@2x needs 1024, made but not kept


def render_pngs(svg: Path, scratch: Path) -> dict[int, Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    written = {}
    for size in sorted(set(PNG_SIZES) | set(ICNS_SIZES)):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = (ICONS if size in PNG_SIZES else scratch) / f"svdesk-{size}.png"
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written[size] = target
    return written


def pack(pngs: dict[int, Path]) -> None:
    from PIL import Image

    # Each size drawn by Qt at that size (crisper than Pillow scaling the largest down).
    ico_frames = [Image.open(pngs[size]) for size in ICO_SIZES]
    ico_frames[-1].save(ICONS / "svdesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                        append_images=ico_frames[:-1])
    largest = max(ICNS_SIZES)
    Image.open(pngs[largest]).save(ICONS / "svdesk.icns", format="ICNS",
                                   append_images=[Image.open(pngs[size]) for size in ICNS_SIZES if size != largest])


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        pack(render_pngs(ICONS / "svdesk.svg", Path(scratch)))
    for path in sorted(ICONS.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(ICONS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
