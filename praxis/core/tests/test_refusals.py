"""A service's refusal shown on the page: as flash messages, or as errors on the form."""

from __future__ import annotations

from typing import NoReturn

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import RequestFactory

from praxis.core.errors import Conflict, PraxisError, ValidationFailed
from praxis.core.refusals import attempt, result_of, show_form_errors


def _request() -> HttpRequest:
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]  # what the middleware sets
    return request


def _shown(request: HttpRequest) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(request)]


def _refuse() -> NoReturn:
    raise ValidationFailed(message="Not like this.", fields={"email": ["Enter an address."]})


def test_a_call_that_goes_through_shows_its_success() -> None:
    request = _request()
    assert attempt(request, lambda: None, "Saved.")
    assert _shown(request) == [("success", "Saved.")]


def test_a_refusal_shows_its_message_and_only_with_field_messages_the_fields_too() -> None:
    plain, detailed = _request(), _request()
    assert not attempt(plain, _refuse, "Saved.")
    assert not attempt(detailed, _refuse, "Saved.", field_messages=True)
    assert _shown(plain) == [("error", "Not like this.")]
    assert _shown(detailed) == [("error", "Not like this."), ("error", "Enter an address.")]


def test_result_of_gives_the_value_or_none_after_showing_the_refusal() -> None:
    request = _request()
    assert result_of(request, lambda: 42) == 42

    def refuse() -> int:
        raise Conflict(message="Already done.")

    assert result_of(request, refuse) is None
    assert _shown(request) == [("error", "Already done.")]


class _Form(forms.Form):
    email = forms.CharField(required=False)


def test_form_shows_field_messages_on_their_fields_and_others_above() -> None:
    form = _Form({})
    form.is_valid()
    show_form_errors(form, PraxisError(fields={"email": ["Taken."], "other": ["Odd."]}))
    assert form.errors == {"email": ["Taken."], "__all__": ["Odd."]}


def test_form_shows_the_message_above_when_no_field_is_named() -> None:
    form = _Form({})
    form.is_valid()
    show_form_errors(form, Conflict(message="Someone saved it first."))
    assert form.errors == {"__all__": ["Someone saved it first."]}
