"""The JSON API at /api/v1/: one NinjaAPI, each app contributing a router."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja.openapi.schema import OpenAPISchema

from praxis.accounts.api import router as accounts_router
from praxis.accounts.auth import api_auth, recognise_bearer_token
from praxis.accounts.privacy_api import router as personal_data_router
from praxis.assessments.api import router as assessments_router
from praxis.authoring.api import router as authoring_router
from praxis.authoring.cartridge_api import router as authoring_cartridge_router
from praxis.authoring.case_api import router as authoring_case_router
from praxis.authoring.media_api import router as authoring_media_router
from praxis.authoring.package_api import router as authoring_package_router
from praxis.authoring.qti_api import router as authoring_qti_router
from praxis.authoring.tool_api import router as authoring_tool_router
from praxis.catalog.api import router as catalog_router
from praxis.community.api import router as community_router
from praxis.community.messages_api import router as messages_router
from praxis.competencies.api import router as competencies_router
from praxis.core.api import PraxisAPI, error_response, install_error_handlers
from praxis.credentials.api import router as credentials_router
from praxis.events.api import router as events_router
from praxis.feedback.api import router as feedback_router
from praxis.lrs.api import router as lrs_router
from praxis.lti.api import router as lti_router
from praxis.notifications.api import router as notifications_router
from praxis.offline.api import router as offline_router
from praxis.organisations.api import router as organisations_router
from praxis.organisations.onboarding_api import router as onboarding_router
from praxis.packages.conformance.api import router as cmi5_conformance_router
from praxis.research.api import router as research_router
from praxis.search.api import router as search_router


class TokenAwareAPI(PraxisAPI):
    """Every operation, those open to anyone included, knows the caller of a bearer token.

    An operation with `auth=None` runs no authentication of Ninja's, so without this a client's
    token would be ignored there (and a member-only thread look missing to its own member).
    """

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._recognising_bearer_tokens(pattern.callback)
        return patterns, app_name, namespace

    def _recognising_bearer_tokens(
        self, view: Callable[..., HttpResponse]
    ) -> Callable[..., HttpResponse]:
        @wraps(view)
        def recognising(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refusal = recognise_bearer_token(request)
            if refusal is not None:
                return self.create_response(request, refusal.as_dict(), status=refusal.status)
            return view(request, *args, **kwargs)

        return recognising

    def complete_document(self, schema: OpenAPISchema) -> OpenAPISchema:
        """And the 401 of every operation: a bearer token can be refused on any of them."""
        schema = super().complete_document(schema)
        unauthorised = error_response("Unauthorized")
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(401, unauthorised)
        return schema


api = TokenAwareAPI(
    title="Praxis API",
    version="1",
    description="Catalogue, enrolment, progress, learning record and profile.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/me", accounts_router)
api.add_router("/me/data", personal_data_router)
api.add_router("/me/learning-record", lrs_router, auth=api_auth)
api.add_router("", catalog_router)
api.add_router("", community_router)
api.add_router("", messages_router)
api.add_router("", onboarding_router)
api.add_router("", notifications_router)
api.add_router("", competencies_router)
api.add_router("", assessments_router)
api.add_router("", credentials_router)
api.add_router("", events_router)
api.add_router("", feedback_router)
api.add_router("", organisations_router)
api.add_router("", authoring_router)
api.add_router("", authoring_case_router)
api.add_router("", authoring_media_router)
api.add_router("", authoring_package_router)
api.add_router("", authoring_qti_router)
api.add_router("", authoring_cartridge_router)
api.add_router("", authoring_tool_router)
api.add_router("", lti_router)
api.add_router("", research_router)
api.add_router("", search_router)
api.add_router("", offline_router)
api.add_router("", cmi5_conformance_router)
