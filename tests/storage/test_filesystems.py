"""Network shares: the rollback journal instead of WAL, said in the log."""

from __future__ import annotations

import logging
from pathlib import Path

from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.filesystems import (
    is_network_folder,
    mount_type,
    parse_bsd_mount,
    parse_proc_mounts,
)

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /home/amal/local\\040disk ext4 rw 0 0
//nas/agency /mnt/agency\\040share cifs rw,vers=3.0 0 0
tmpfs /tmp tmpfs rw 0 0
"""

BSD_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//amal@nas._smb._tcp.local/agency on /Volumes/agency (smbfs, nodev, nosuid, mounted by amal)
"""


def test_the_mount_holding_a_folder_is_the_longest_matching_one():
    mounts = parse_proc_mounts(PROC_MOUNTS)
    assert mount_type(Path("/home/amal/.local/share/navigator"), mounts) == "nfs4"
    assert mount_type(Path("/home/amal/local disk/navigator"), mounts) == "ext4"
    assert mount_type(Path("/mnt/agency share/navigator"), mounts) == "cifs"
    assert mount_type(Path("/homework"), mounts) == "ext4"  # not inside /home
    assert mount_type(Path("/Volumes/agency/data"), parse_bsd_mount(BSD_MOUNT)) == "smbfs"
    assert mount_type(Path("/Users/amal"), parse_bsd_mount(BSD_MOUNT)) == "apfs"


def test_a_local_folder_is_not_a_share_and_the_choice_can_be_forced(tmp_path, monkeypatch):
    monkeypatch.delenv("NAVIGATOR_JOURNAL", raising=False)
    assert not is_network_folder(tmp_path)
    monkeypatch.setenv("NAVIGATOR_JOURNAL", "delete")
    assert is_network_folder(tmp_path)


def test_on_a_share_the_rollback_journal_is_used_and_logged(data_dir, monkeypatch, caplog):
    monkeypatch.setattr("navigator.storage.database.is_network_folder", lambda folder: True)
    with caplog.at_level(logging.WARNING, logger="navigator.storage.database"):
        services = Services.start(data_dir)
    try:
        services.lane.call(repo.create_learner, name="Amal", language="en")
        assert services.lane.call(
            lambda db: db.execute("PRAGMA journal_mode").fetchone()[0]) == "delete"
        assert not (data_dir / "navigator.db-wal").exists()
    finally:
        services.close(backup=True)
    assert "network share: using the rollback journal" in caplog.text
    assert list((data_dir / "backups").iterdir())  # backups work there too
