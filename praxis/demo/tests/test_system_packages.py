"""`make system`: the Debian packages `make run` and `make test` need, installed when missing."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / ".ci" / "system-packages"


@pytest.fixture
def machine(tmp_path: Path):
    """A machine with nothing installed: stub commands on an otherwise empty PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "grep").symlink_to(shutil.which("grep"))

    def stub(name, script="exit 0"):
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{script}\n")
        path.chmod(0o755)

    stub("fc-list")  # no fonts
    stub("ldconfig")  # no libraries
    stub("apt-get", f'echo "apt-get $*" >> {tmp_path / "apt.log"}')

    def run(uid):
        stub("id", f"echo {uid}")
        return subprocess.run(  # noqa: S603 - our own script
            ["/bin/bash", str(SCRIPT)],
            env={**os.environ, "PATH": str(bin_dir)},
            capture_output=True,
            text=True,
            check=False,
        )

    machine = type("Machine", (), {})()
    machine.stub, machine.run, machine.apt_log = stub, run, tmp_path / "apt.log"
    return machine


def test_without_root_it_prints_the_command_that_installs_what_is_missing(machine) -> None:
    machine.stub("node")  # Node.js from elsewhere already brings npm
    machine.stub("npm")
    result = machine.run(uid=1000)
    assert result.returncode != 0
    assert (
        "sudo apt-get update && sudo apt-get install -y chromium poppler-utils gettext "
        "fonts-noto-cjk fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
    ) in result.stderr
    assert not machine.apt_log.exists()


def test_as_root_it_installs_only_what_is_missing(machine) -> None:
    for present in ("chromium", "pdftotext", "node", "npm", "msgfmt"):
        machine.stub(present)
    machine.stub("fc-list", 'echo "NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular"')
    result = machine.run(uid=0)
    assert result.returncode == 0, result.stderr
    installed = machine.apt_log.read_text().splitlines()
    assert installed[-1] == (
        "apt-get install -y -qq fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0"
    )


def test_nothing_is_asked_for_when_everything_is_there(machine) -> None:
    for present in ("chromium", "pdftotext", "node", "npm", "msgfmt"):
        machine.stub(present)
    machine.stub("fc-list", 'echo "Noto Sans CJK SC"; echo "Noto Naskh Arabic"')
    machine.stub("ldconfig", 'echo "libpangoft2-1.0.so.0"; echo "libharfbuzz-subset.so.0"')
    result = machine.run(uid=1000)
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
    assert not machine.apt_log.exists()
