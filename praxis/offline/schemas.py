"""Pydantic shapes of the offline API: a course's bundle and the statements a device sends."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from praxis.offline.sync import Outcome


class BundleFileOut(Schema):
    title: str
    url: str
    size: int


class BundleCaptionOut(Schema):
    language: str
    url: str
    size: int


class DownloadOut(Schema):
    url: str
    size: int = Field(description="Bytes the device keeps for this address")


class BundleCourseImageOut(Schema):
    url: str
    size: int
    alt: str


class BundleLessonOut(Schema):
    uuid: UUID
    title: str
    module: str
    url: str
    activity: str
    html: str
    video: str
    transcript: str
    captions: list[BundleCaptionOut]
    files: list[BundleFileOut]
    images: list[DownloadOut] = Field(description="Pictures in the text that Praxis keeps")


class BundleOptionOut(Schema):
    token: str
    text: str


class BundleQuestionOut(Schema):
    uuid: UUID
    kind: str
    stem: str
    options: list[BundleOptionOut]
    matches: list[BundleOptionOut]


class BundleQuizOut(Schema):
    uuid: UUID
    title: str
    url: str
    activity: str
    offline: bool = Field(description="False for a quiz that needs the connection")
    questions: list[BundleQuestionOut]


class BundleCourseOut(Schema):
    slug: str
    title: str
    language: str
    url: str
    activity: str
    version: int = Field(description="The published version held; 0 for a course never versioned")
    changes: str
    image: BundleCourseImageOut | None


class BundleOut(Schema):
    course: BundleCourseOut
    lessons: list[BundleLessonOut]
    quizzes: list[BundleQuizOut]
    scoring: str
    done: list[UUID] = Field(
        description="What the learner has done, as the server holds it: lessons completed "
        "and quizzes passed"
    )
    downloads: list[DownloadOut] = Field(
        description="Every address the device fetches and keeps with this bundle, once each"
    )
    size: int = Field(
        description="Bytes to download and keep: this bundle as sent and every download"
    )


class VerbIn(Schema):
    id: Literal[
        "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/attempted"
    ] = Field(description="completed (a lesson) or attempted (a quiz, answers in the result)")


class ActivityIn(Schema):
    id: str = Field(max_length=500)


class ExtensionsIn(Schema):
    extensions: dict[str, Any] = Field(default_factory=dict)


class OfflineStatementIn(Schema):
    """An xAPI statement the device kept: the actor is the signed-in learner."""

    id: UUID
    verb: VerbIn
    object: ActivityIn
    timestamp: datetime
    context: ExtensionsIn | None = None
    result: ExtensionsIn | None = None

    def said(self, answers_extension: str, version_extension: str) -> dict[str, Any]:
        """What `sync.sync` reads of it."""
        context = self.context.extensions if self.context else {}
        result = self.result.extensions if self.result else {}
        return {
            "id": self.id,
            "verb": self.verb.id,
            "object": self.object.id,
            "timestamp": self.timestamp,
            "extensions": {version_extension: context.get(version_extension)},
            "answers": result.get(answers_extension, {}),
        }


class SyncIn(Schema):
    statements: list[OfflineStatementIn]


class OutcomeOut(Schema):
    id: UUID
    status: str = Field(description="recorded, already_recorded, merged or refused")
    code: str
    message: str
    passed: bool | None
    percent: int | None
    title: str = Field(description="The title of the lesson or quiz the statement is about")

    # Built field by field: percent is read out of the outcome's extra details.
    @staticmethod
    def of(outcome: Outcome) -> OutcomeOut:
        return OutcomeOut(
            id=outcome.id,
            status=outcome.status,
            code=outcome.code,
            message=outcome.message,
            passed=outcome.passed,
            percent=outcome.extra.get("percent"),
            title=outcome.title,
        )


class SyncOut(Schema):
    results: list[OutcomeOut]
