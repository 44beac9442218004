"""Packages made by authoring tools, kept in public repositories by others, that
`make packages-conformance` fetches at a pinned commit, zips into var/third-party-packages/
and plays in the browser (praxis/packages/tests/third_party/). None of them is part of Praxis:
they are fetched for the run and never committed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

__all__ = ["SOURCES", "Source", "folder"]


@dataclass(frozen=True)
class Source:
    name: str  # the zip's name in var/third-party-packages/, and the test's id
    repository: str  # owner/name on GitHub
    commit: str
    path: str  # the package's folder in the repository ("" for its root)
    tool: str
    standard: str
    licence: str

    @property
    def zip_name(self) -> str:
        return f"{self.name}.zip"


SOURCES: tuple[Source, ...] = (
    Source(
        name="golf-scorm2004",
        repository="ktonon/scorm-golf-example",
        commit="7234f6b2370eebf12c154529bc253c6dc3fe9dae",
        path="",
        tool="Rustici Software's hand-written “Golf Explained” example (advanced run-time calls)",
        standard="SCORM 2004 3rd Edition",
        licence="CC BY 3.0 (Rustici Software)",
    ),
    Source(
        name="storyline-cmi5",
        repository="zahraomrani13/golrang",
        commit="184a20847fdb970d95c95c9b70839f1dfa37fdf7",
        path="",
        tool="Articulate Storyline 360 (3.72)",
        standard="cmi5",
        licence="none stated",
    ),
    Source(
        name="captivate-scorm12",
        repository="EdwardBarnesSCORM/placeholder",
        commit="9baced0d50e0e8ca4143a56c5202585e4b1b3638",
        path="",
        tool="Adobe Captivate (11.8.2)",
        standard="SCORM 1.2",
        licence="none stated",
    ),
    Source(
        name="ispring-scorm12",
        repository="weloren/sample-lesson",
        commit="3357ecc5fb28bff2a6876f3574c588bd1e2efadf",
        path="",
        tool="iSpring Suite (9.7.5)",
        standard="SCORM 1.2",
        licence="none stated",
    ),
    Source(
        name="adapt-scorm12",
        repository="funficient/adapt-learning-test",
        commit="dcf864e0ca97022a0f37d544a3ef0eca9a8e9da0",
        path="",
        tool="Adapt Authoring Tool (Adapt framework 5.28.15)",
        standard="SCORM 1.2",
        licence="none stated",
    ),
    Source(
        name="lectora-scorm12",
        repository="Gavs-zollege/DAS",
        commit="8819a42f04fa66327d3efae93a8f097a5d0e1f5e",
        path="",
        tool="Lectora Online (7.1.1)",
        standard="SCORM 1.2",
        licence="none stated",
    ),
)


def folder() -> Path:
    """Where the fetched packages are zipped."""
    return Path(settings.VAR_DIR) / "third-party-packages"
