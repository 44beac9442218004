"""The notification centre and the preferences page. Thin: load, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.core.errors import NotFound, PraxisError
from praxis.notifications import queries, services
from praxis.notifications.kinds import Delivery

FIELD_PREFIX = "kind-"


@login_required
@require_http_methods(["GET", "POST"])
def centre(request: HttpRequest) -> HttpResponse:
    """Every notice of the signed-in person, newest first; POST marks them all read."""
    if request.method == "POST":
        services.mark_all_read(request.user)  # type: ignore[arg-type]
        messages.success(request, _("All your notifications are marked read."))
        return redirect("notifications:centre")
    page = queries.notices(request.user, request.GET.get("page", 1))
    return render(
        request,
        "notifications/centre.html",
        {"page": page, "unread": queries.unread_count(request.user)},
    )


@login_required
@require_POST
def read(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Mark one notice read, then go to what it is about (`open`) or back to the centre."""
    try:
        notice = services.mark_read(request.user, notice_id)  # type: ignore[arg-type]
    except NotFound as error:
        raise Http404(str(error.message)) from error
    if request.POST.get("open") and notice.link.startswith("/"):
        return redirect(notice.link)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """How the signed-in person receives each kind of notice."""
    errors: list[str] = []
    posted: dict[str, str] = {}
    if request.method == "POST":
        posted = {
            key[len(FIELD_PREFIX) :]: request.POST.get(key, "")
            for key in request.POST
            if key.startswith(FIELD_PREFIX)
        }
        try:
            services.set_preferences(request.user, posted)  # type: ignore[arg-type]
        except PraxisError as error:
            errors.append(str(error.message))
            errors.extend(str(m) for msgs in error.fields.values() for m in msgs[:1])
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    choices = queries.preferences(request.user)
    return render(
        request,
        "notifications/preferences.html",
        {
            "rows": [(choice, posted.get(choice.kind.key, choice.delivery)) for choice in choices],
            "deliveries": Delivery.choices,
            "errors": list(dict.fromkeys(errors)),
        },
        status=400 if errors else 200,
    )
