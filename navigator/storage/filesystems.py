"""Is a folder on a network share? SQLite's WAL needs shared memory between the programs
using the database, which network file systems do not give; there the classic rollback
journal is used instead (slower, but safe).

``NAVIGATOR_JOURNAL=wal`` or ``=delete`` overrides the guess (an IT person who knows).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "ceph", "glusterfs", "lustre",
    "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "davfs", "ncpfs", "coda", "fuse.glusterfs",
    "fuse.cephfs", "webdav", "afpfs", "nfs3",
})


def mount_type(path: Path, mounts: list[tuple[str, str]]) -> str:
    """The file-system type of the mount holding ``path``; ``mounts`` are (point, type)."""
    text = str(path)
    best, kind = "", ""
    for point, fstype in mounts:
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fstype
    return kind


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, type) from ``/proc/mounts`` (octal escapes such as ``\\040`` undone)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode().decode("unicode_escape")
            mounts.append((point, fields[2]))
    return mounts


def parse_bsd_mount(text: str) -> list[tuple[str, str]]:
    """(mount point, type) from macOS's ``mount``: ``//u@srv/share on /Volumes/x (smbfs, …)``."""
    mounts = []
    for line in text.splitlines():
        if " on " in line and " (" in line:
            rest = line.split(" on ", 1)[1]
            point, _sep, options = rest.rpartition(" (")
            mounts.append((point, options.split(",")[0].strip(") ")))
    return mounts


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):  # \\server\share
        return True
    import ctypes

    root = os.path.splitdrive(text)[0] + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote)  # type: ignore[attr-defined]


def is_network_folder(folder: Path) -> bool:
    """True when ``folder`` (or the nearest existing folder above it) is on a network share."""
    choice = os.environ.get("NAVIGATOR_JOURNAL", "").lower()
    if choice in ("wal", "delete"):
        return choice == "delete"
    path = Path(folder).resolve()
    try:
        if sys.platform.startswith("win"):
            return _windows_remote(path)
        if sys.platform == "darwin":
            out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5)
            return mount_type(path, parse_bsd_mount(out.stdout)) in NETWORK_TYPES
        with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
            return mount_type(path, parse_proc_mounts(f.read())) in NETWORK_TYPES
    except (OSError, subprocess.SubprocessError, AttributeError):
        return False
