"""The trainers' commands: pack new, build, import and export, with their exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from navigator.cli import main
from tests.conftest import BROKEN


def test_new_build_import_upgrade_and_export(tmp_path: Path, capsys):
    data = tmp_path / "data"
    pack = tmp_path / "my-pack"
    assert main(["pack", "new", str(pack), "--title", "Bus passes", "--author", "Ana"]) == 0
    assert "a new pack" in capsys.readouterr().out
    assert main(["pack", "validate", str(pack)]) == 0
    capsys.readouterr()

    file = tmp_path / "bus.navpack"
    assert main(["pack", "build", str(pack), "-o", str(file)]) == 0
    assert capsys.readouterr().out.startswith(f"{file}: bus-passes 0.1.0, ")

    assert main(["--data-dir", str(data), "pack", "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert "New pack “Bus passes” 0.1.0: 1 lesson." in out and "Installed." in out
    assert (data / "packs" / "bus-passes" / "pack.yaml").is_file()

    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("0.1.0", "0.2.0"),
                        encoding="utf-8")
    newer = tmp_path / "bus-2.navpack"
    assert main(["pack", "build", str(pack), "-o", str(newer)]) == 0
    assert main(["--data-dir", str(data), "pack", "import", str(newer)]) == 0
    assert "from version 0.1.0 to 0.2.0" in capsys.readouterr().out

    assert main(["--data-dir", str(data), "pack", "import", str(file)]) == 1
    assert "add --allow-downgrade" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "pack", "import", str(file),
                 "--allow-downgrade"]) == 0
    capsys.readouterr()

    exported = tmp_path / "out.navpack"
    assert main(["--data-dir", str(data), "pack", "export", "bus-passes", "-o",
                 str(exported)]) == 0
    assert exported.read_bytes() == file.read_bytes()  # builds are reproducible
    assert main(["--data-dir", str(data), "pack", "export", "nothing", "-o",
                 str(tmp_path / "x.navpack")]) == 1
    assert "No pack with the id “nothing” is installed." in capsys.readouterr().err


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["pack", "new", str(tmp_path / "busy"), "--title", "X"]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]


def test_build_refuses_an_invalid_pack_with_its_problems(tmp_path: Path, capsys):
    out = tmp_path / "broken.navpack"
    assert main(["pack", "build", str(BROKEN / "no-correct-option"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "intro.en.md:13: the question has no right option" in err
    assert "not built, the pack has errors" in err
    assert not out.exists()


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"hello"])
def test_import_refuses_a_file_that_is_not_a_pack(tmp_path: Path, capsys, content: bytes):
    bad = tmp_path / "bad.navpack"
    bad.write_bytes(content)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "pack", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was installed" in err or "not a Navigator pack" in err, err
    assert list((data / "packs").iterdir()) == []
