"""`make system`: the Debian packages `make run` and `make test` need, installed when missing."""

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / ".ci" / "system-packages"


@dataclass
class Machine:
    stub: Callable[..., None]
    run: Callable[..., subprocess.CompletedProcess[str]]
    apt_log: Path


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    """A machine with nothing installed: stub commands on an otherwise empty PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    grep = shutil.which("grep")
    assert grep is not None
    (bin_dir / "grep").symlink_to(grep)

    def stub(name: str, script: str = "exit 0") -> None:
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{script}\n")
        path.chmod(0o755)

    stub("fc-list")  # no fonts
    stub("ldconfig")  # no libraries
    stub("apt-get", f'echo "apt-get $*" >> {tmp_path / "apt.log"}')

    def run(uid: int) -> subprocess.CompletedProcess[str]:
        stub("id", f"echo {uid}")
        return subprocess.run(  # noqa: S603 - our own script
            ["/bin/bash", str(SCRIPT)],
            env={**os.environ, "PATH": str(bin_dir)},
            capture_output=True,
            text=True,
            check=False,
        )

    return Machine(stub=stub, run=run, apt_log=tmp_path / "apt.log")


def test_without_root_it_prints_the_command_that_installs_what_is_missing(machine: Machine) -> None:
    machine.stub("node")  # Node.js from elsewhere already brings npm
    machine.stub("npm")
    result = machine.run(uid=1000)
    assert result.returncode != 0
    assert (
        "sudo apt-get update && sudo apt-get install -y chromium poppler-utils gettext "
        "fonts-noto-cjk fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
    ) in result.stderr
    assert not machine.apt_log.exists()


def test_as_root_it_installs_only_what_is_missing(machine: Machine) -> None:
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


def test_nothing_is_asked_for_when_everything_is_there(machine: Machine) -> None:
    for present in ("chromium", "pdftotext", "node", "npm", "msgfmt"):
        machine.stub(present)
    machine.stub("fc-list", 'echo "Noto Sans CJK SC"; echo "Noto Naskh Arabic"')
    machine.stub("ldconfig", 'echo "libpangoft2-1.0.so.0"; echo "libharfbuzz-subset.so.0"')
    result = machine.run(uid=1000)
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
    assert not machine.apt_log.exists()
