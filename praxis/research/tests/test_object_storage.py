"""Uploads and research exports on S3-compatible object storage, against a real S3 server (moto's
server mode on 127.0.0.1) started for these tests."""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import boto3
import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.catalog.tests.factories import LessonFileFactory
from praxis.research.tests.exporting import approved as _approved
from praxis.research.tests.exporting import learners as _learners
from praxis.research.tests.exporting import run_export as _export
from praxis.settings import object_storages

pytestmark = pytest.mark.django_db

KEYS = {"AWS_ACCESS_KEY_ID": "praxis-test", "AWS_SECRET_ACCESS_KEY": "praxis-test-secret"}


@dataclass
class Bucket:
    keys: Callable[[], list[str]]
    read: Callable[[str], bytes]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: SettingsWrapper) -> Bucket:
    """A new bucket, named in the environment as a deployment would name it."""
    name = f"praxis-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    environment = {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    settings.STORAGES = {**settings.STORAGES, **object_storages(environment)}

    def keys() -> list[str]:
        listing = client.list_objects_v2(Bucket=name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(key: str) -> bytes:
        body: bytes = client.get_object(Bucket=name, Key=key)["Body"].read()
        return body

    return Bucket(keys=keys, read=read)


def test_without_a_bucket_files_stay_on_local_disk() -> None:
    assert object_storages({"AWS_ACCESS_KEY_ID": "x"}) == {}


def test_an_uploaded_lesson_file_is_kept_in_the_bucket(bucket: Bucket) -> None:
    attachment = LessonFileFactory.create()
    [key] = bucket.keys()
    assert key.startswith("media/lesson-files/") and key.endswith(".pdf")
    assert bucket.read(key) == b"%PDF-1.4 poster"
    with attachment.file.open("rb") as file:
        assert file.read() == b"%PDF-1.4 poster"


def test_research_export_is_written_to_the_bucket_and_downloaded_from_it(
    bucket: Bucket,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    assert export.status == "done", export.error
    assert bucket.keys() == [
        f"research-exports/{export.uuid}/export.csv",
        f"research-exports/{export.uuid}/export.parquet",
    ]
    client.force_login(export.project.principal_investigator)
    response = client.get(reverse("research:export_download", args=[export.uuid, "csv"]))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    downloaded = b"".join(response)
    assert downloaded.startswith(b"learner,who_region")
    assert downloaded == bucket.read(f"research-exports/{export.uuid}/export.csv")
