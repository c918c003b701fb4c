"""Render the application icon (assets/icons/navigator.svg) for every platform.

    python packaging/make_icons.py OUTDIR

writes ``OUTDIR/hicolor/<N>x<N>/apps/<APP_ID>.png`` (16 to 512 pixels, Linux),
``OUTDIR/navigator.ico`` (Windows: PNG images of 16 to 256 pixels) and
``OUTDIR/navigator.icns`` (macOS: PNG images of 16 to 1024 pixels). Both containers hold
PNG images, which Windows Vista and later and macOS 10.7 and later read, so no image
library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from navigator.paths import APP_ID  # noqa: E402

SOURCE = ROOT / "assets" / "icons" / "navigator.svg"
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# macOS icon types that hold PNG data, by pixel size.
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
              (b"ic14", 512))


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """The icon at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])  # kept alive while painting
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source}: not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """A Windows ``.ico`` holding one PNG per size (at most 256)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """A macOS ``.icns`` with the PNG types of :data:`ICNS_TYPES`."""
    body = b"".join(kind + struct.pack(">I", 8 + len(images[size])) + images[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(outdir: Path, source: Path = SOURCE) -> list[Path]:
    """Write every icon file into ``outdir``; return their paths."""
    sizes = sorted(set(LINUX_SIZES) | set(ICO_SIZES) | {size for _k, size in ICNS_TYPES})
    images = {size: render_png(size, source) for size in sizes}
    written = []
    for size in LINUX_SIZES:
        path = outdir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(images[size])
        written.append(path)
    scalable = outdir / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(source.read_bytes())
    written.append(scalable)
    ico = outdir / "navigator.ico"
    ico.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    icns = outdir / "navigator.icns"
    icns.write_bytes(icns_bytes(images))
    return [*written, ico, icns]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python packaging/make_icons.py OUTDIR")
    for written_path in make_icons(Path(sys.argv[1])):
        print(written_path)
