"""/xapi/about, /xapi/activities and /xapi/agents."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from praxis.lrs import queries
from praxis.lrs.validation import read_json, require_iri, validate_actor
from praxis.lrs.views.http import XapiError, XapiRequest, json_response, xapi_view


def about(xapi: XapiRequest) -> HttpResponse:
    return json_response({"version": ["1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"]})


def activities(xapi: XapiRequest) -> HttpResponse:
    xapi.allow_params({"activityId"})
    if "activityId" not in xapi.params:
        raise XapiError(400, "activityId is required")
    activity_id = require_iri(xapi.params["activityId"], "activityId")
    return json_response(queries.activity_object(activity_id))


def agents(xapi: XapiRequest) -> HttpResponse:
    xapi.allow_params({"agent"})
    if "agent" not in xapi.params:
        raise XapiError(400, "agent is required")
    try:
        agent = validate_actor(read_json(xapi.params["agent"], "agent"), "agent")
    except ValueError as error:
        raise XapiError(400, f"agent is not a valid Agent: {error}") from error
    person: dict[str, Any] = {"objectType": "Person"}
    for field in ("name", "mbox", "mbox_sha1sum", "openid"):
        if field in agent:
            person[field] = [agent[field]]
    if "account" in agent:
        person["account"] = [agent["account"]]
    return json_response(person)


about_view = xapi_view({"GET": about}, public=True)
activities_view = xapi_view({"GET": activities})
agents_view = xapi_view({"GET": agents})
