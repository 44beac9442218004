"""Work run in a forked child: its effects on disk stay, its imports do not, failures stop."""

import sys
from pathlib import Path

import pytest

from praxis.demo.forked import run_in_child


def test_the_child_does_the_work_and_leaves_its_imports_behind(tmp_path: Path) -> None:
    done = tmp_path / "done"
    module = "praxis.demo.content.people"
    sys.modules.pop(module, None)

    def work() -> None:
        __import__(module)
        done.write_text(str(module in sys.modules))

    run_in_child(work, "failed")
    assert done.read_text() == "True"
    assert module not in sys.modules


def test_a_failing_child_stops_the_parent_with_the_message() -> None:
    def work() -> None:
        raise RuntimeError("no database")

    with pytest.raises(SystemExit, match="Preparing failed"):
        run_in_child(work, "Preparing failed")
