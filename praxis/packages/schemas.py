"""What the API says of an imported package."""

from __future__ import annotations

from ninja import Field, Schema

from praxis.packages.models import Package


class LaunchableOut(Schema):
    identifier: str
    title: str
    launch: str = Field("", description="The file opened, relative to the package's root")
    mastery_score: float | None = Field(None, description="The score (0 to 1) that passes")


class PackageOut(Schema):
    id: str = Field(..., description="The package version's UUID")
    kind: str = Field(..., description="scorm12, scorm2004, cmi5, xapi, h5p or common_cartridge")
    edition: str
    title: str
    version: int = Field(..., description="1 for the first upload, one more for each new one")
    playable: bool = Field(..., description="Whether Praxis plays this kind to learners")
    languages: list[str]
    size: int = Field(..., description="Bytes unpacked")
    file_count: int
    launchables: list[LaunchableOut] = Field(
        ..., description="SCOs, assignable units or activities"
    )
    libraries: list[str] = Field(
        default_factory=list,
        description="H5P: the libraries the content needs, as 'H5P.MultiChoice 1.16', main first",
    )

    # Built field by field: languages, libraries and launchables are read out of manifest JSON.
    @staticmethod
    def of(package: Package) -> PackageOut:
        return PackageOut(
            id=str(package.uuid),
            kind=package.kind,
            edition=package.edition,
            title=package.title,
            version=package.number,
            playable=package.is_playable,
            languages=list(package.summary.get("languages", [])),
            size=package.size,
            file_count=package.file_count,
            launchables=[
                LaunchableOut(
                    identifier=str(item.get("identifier", "")),
                    title=str(item.get("title", "")),
                    launch=str(item.get("launch", "")),
                    mastery_score=item.get("mastery_score"),  # type: ignore[arg-type]  # kept as read from the manifest: a number or None
                )
                for item in package.launchables
            ],
            libraries=[str(name) for name in package.summary.get("libraries", [])],
        )
