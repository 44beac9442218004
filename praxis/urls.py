"""Top-level URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from praxis.api import api
from praxis.credentials.views import did_document

urlpatterns = [
    # Staff log in to the back office through the site's login, with its second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("xapi/", include("praxis.lrs.urls")),
    path("accounts/", include("praxis.accounts.urls")),
    path("courses/", include("praxis.catalog.urls")),
    path("community/", include("praxis.community.urls")),
    path("notifications/", include("praxis.notifications.urls")),
    path("events/", include("praxis.events.urls")),
    path("feedback/", include("praxis.feedback.urls")),
    path("competencies/", include("praxis.competencies.urls")),
    path("", include("praxis.assessments.urls")),
    path("partners/", include("praxis.organisations.urls")),
    path("authoring/", include("praxis.authoring.urls")),
    path("packages/", include("praxis.packages.urls")),
    path("lti/", include("praxis.lti.urls")),
    path("credentials/", include("praxis.credentials.urls")),
    path(".well-known/did.json", did_document, name="did_document"),
    path("research/", include("praxis.research.urls")),
    path("search/", include("praxis.search.urls")),
    path("", include("praxis.web.urls")),
]

handler400 = "praxis.web.errors.bad_request"
handler403 = "praxis.web.errors.permission_denied"
handler404 = "praxis.web.errors.page_not_found"
handler500 = "praxis.web.errors.server_error"
