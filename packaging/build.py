"""Build Navigator for the computer this runs on, in one command.

    python packaging/build.py                 # -> dist/navigator/ and an archive in dist/
    python packaging/build.py --no-archive    # the folder only
    python packaging/build.py --dist D --work W

Steps: compile the translation catalogs, render the icons, write the Windows version
file, run PyInstaller on packaging/navigator.spec (a one-folder bundle, executable
``dist/navigator/navigator``, ``navigator.exe`` on Windows), then add the platform's
files and make the archive:

* Linux: the desktop file, AppStream metainfo, icons and ``install.sh`` go into the folder,
  which becomes ``navigator-VERSION-linux-ARCH.tar.xz``;
* Windows: ``navigator-VERSION-windows-ARCH.zip``, and the installer
  ``Navigator-Setup-VERSION.exe`` when Inno Setup's ``iscc`` is on the PATH;
* macOS: ``Navigator.app`` beside the folder, zipped as ``navigator-VERSION-macos-ARCH.zip``.

It prints the build time and the sizes (folder and archive). See packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(PACKAGING))

from navigator import __version__  # noqa: E402
from navigator.paths import APP_ID  # noqa: E402

WINDOWS = sys.platform.startswith("win")
MACOS = sys.platform == "darwin"
EXECUTABLE = "navigator.exe" if WINDOWS else "navigator"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def version_info(path: Path) -> None:
    """The Windows version resource (file properties, task manager), from __version__."""
    numbers = [int(part) for part in __version__.split(".")[:3] if part.isdigit()]
    numbers = [*numbers, 0, 0, 0, 0][:4]
    strings = {
        "CompanyName": "Navigator developers",
        "FileDescription": "Navigator",
        "FileVersion": __version__,
        "InternalName": "navigator",
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": "navigator.exe",
        "ProductName": "Navigator",
        "ProductVersion": __version__,
    }
    table = ",\n".join(f"          StringStruct('{key}', '{value}')"
                       for key, value in strings.items())
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(numbers)}, prodvers={tuple(numbers)},
    mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{table}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""", encoding="utf-8")


def prepare(generated: Path) -> None:
    """Catalogs, icons and the version file the spec needs."""
    from make_icons import make_icons

    from navigator.i18n_build import compile_catalogs

    compile_catalogs()
    if generated.exists():
        shutil.rmtree(generated)
    generated.mkdir(parents=True)
    make_icons(generated)
    version_info(generated / "version_info.txt")


def run_pyinstaller(dist: Path, work: Path, generated: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller is not installed: pip install -e \".[packaging]\"")
    env = dict(os.environ, NAVIGATOR_GENERATED=str(generated))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")  # the spec imports Qt to find its catalogs
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
                    str(PACKAGING / "navigator.spec")], check=True, env=env)


def add_linux_files(bundle: Path, generated: Path) -> None:
    """What install.sh puts in place: desktop file, metainfo, icons."""
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(generated / "hicolor", share / "icons" / "hicolor")
    for script in ("install.sh",):
        target = bundle / script
        shutil.copy2(PACKAGING / "linux" / script, target)
        target.chmod(0o755)


def archive(dist: Path, bundle: Path) -> Path:
    machine = platform.machine().lower() or "unknown"
    if WINDOWS:
        return zip_folder(bundle, dist / f"navigator-{__version__}-windows-{machine}.zip")
    if MACOS:
        app = dist / "Navigator.app"
        return zip_folder(app if app.is_dir() else bundle,
                          dist / f"navigator-{__version__}-macos-{machine}.zip")
    # xz: 46 MB where gzip makes 64 (agencies' connections are slow); every tar reads it.
    out = dist / f"navigator-{__version__}-linux-{machine}.tar.xz"
    partial = out.with_name(out.name + ".part")
    with tarfile.open(partial, "w:xz", preset=6) as tar:
        tar.add(bundle, arcname=f"navigator-{__version__}")
    partial.replace(out)
    return out


def zip_folder(folder: Path, out: Path) -> Path:
    partial = out.with_name(out.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive_file:
        for path in sorted(folder.rglob("*")):
            archive_file.write(path, Path(folder.name) / path.relative_to(folder))
    partial.replace(out)
    return out


def windows_installer(dist: Path, generated: Path) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if not (WINDOWS and iscc):
        return None
    subprocess.run([iscc, f"/DAppVersion={__version__}", f"/DBundleDir={dist / 'navigator'}",
                    f"/DOutputDir={dist}", f"/DIconFile={generated / 'navigator.ico'}",
                    str(PACKAGING / "windows" / "navigator.iss")], check=True)
    return dist / f"Navigator-Setup-{__version__}.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build Navigator for this computer.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build",
                        help="folder for intermediate files (default: build/)")
    parser.add_argument("--no-archive", action="store_true",
                        help="build the folder only, without the archive or the installer")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    generated = work / "generated"
    started = time.monotonic()
    prepare(generated)
    run_pyinstaller(dist, work, generated)
    bundle = dist / "navigator"
    if not (bundle / EXECUTABLE).is_file():
        sys.exit(f"the build made no {bundle / EXECUTABLE}")
    if not (WINDOWS or MACOS):
        add_linux_files(bundle, generated)
    built = time.monotonic() - started
    print(f"bundle: {bundle} ({mib(folder_size(bundle))})")
    print(f"build time: {built:.0f} s")
    if not args.no_archive:
        out = archive(dist, bundle)
        print(f"archive: {out} ({mib(out.stat().st_size)}; "
              f"{time.monotonic() - started:.0f} s in all)")
        installer = windows_installer(dist, generated)
        if installer is not None:
            print(f"installer: {installer} ({mib(installer.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
