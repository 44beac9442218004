"""Canonicalization with the shipped contexts' scoped contexts processed once per process."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from pyld import jsonld

from praxis.credentials import canonical
from praxis.credentials.models import Credential
from praxis.credentials.services import issue_credential

from .conftest import MakeAchievement


@pytest.fixture(autouse=True)
def _nothing_kept() -> Iterator[None]:
    canonical._PROCESSED.clear()
    yield
    canonical._PROCESSED.clear()


def _pyld_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyld's own context processing, without what Praxis keeps of it."""
    canonical._jsonld()
    kept = jsonld.JsonLdProcessor._process_context
    monkeypatch.setattr(jsonld.JsonLdProcessor, "_process_context", kept.__wrapped__)


def _unsigned(credential: Credential) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(credential.document)
    document.pop("proof", None)
    return document


def _counting_terms_defined(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    defined: list[str] = []
    define = jsonld.JsonLdProcessor._create_term_definition

    def counted(
        self: Any, active_ctx: Any, local_ctx: Any, term: str, *args: Any, **kwargs: Any
    ) -> Any:
        defined.append(term)
        return define(self, active_ctx, local_ctx, term, *args, **kwargs)

    monkeypatch.setattr(jsonld.JsonLdProcessor, "_create_term_definition", counted)
    return defined


@pytest.mark.django_db
def test_the_canonical_form_is_pylds_own(
    issued: Credential, make_achievement: MakeAchievement, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_achievement("course:triage", name="Triaje en urgencias", language="es", hours=1)
    documents = [_unsigned(issued), _unsigned(issued) | {"name": "Changed"}]
    documents.append(_unsigned(Credential.objects.get(pk=issued.pk)))
    documents.append(_unsigned(issue_credential(issued.learner, other)))
    kept = [canonical.canonicalize(document) for document in documents * 2]
    assert canonical._PROCESSED, "the scoped contexts were not kept"

    _pyld_alone(monkeypatch)
    alone = [canonical.canonicalize(document) for document in documents * 2]

    assert kept == alone
    assert len(set(alone)) == 3  # the first and the third are the same credential


@pytest.mark.django_db
def test_a_second_credential_defines_no_term_again(
    issued: Credential, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _unsigned(issued), _unsigned(issued) | {"name": "Another"}
    canonical.canonicalize(first)
    defined = _counting_terms_defined(monkeypatch)

    canonical.canonicalize(second)
    assert defined == []

    _pyld_alone(monkeypatch)
    canonical.canonicalize(second)
    assert len(defined) > 20  # pyld alone defines the type-scoped terms again every time
