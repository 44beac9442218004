"""The notification centre and the preferences page. Thin: load, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core import fragments
from praxis.core.errors import NotFound, PraxisError
from praxis.core.refusals import show_form_errors
from praxis.notifications import queries, services
from praxis.notifications.forms import PreferencesForm

# A page of notices as rendered, kept by the notices it shows (never changed as a whole: the
# rows are part of each key).
NOTICES_SCOPE = "notifications:notices"


@login_required
@require_http_methods(["GET", "POST"])
def centre(request: SignedInRequest) -> HttpResponse:
    """Every notice of the signed-in person, newest first; POST marks them all read."""
    if request.method == "POST":
        services.mark_all_read(request.user)
        messages.success(request, _("All your notifications are marked read."))
        return redirect("notifications:centre")
    page = queries.notices(request.user, request.GET.get("page", 1))
    # Kept by what they show, each notice's row as it stands: the same page asked again is not
    # rendered again, and a notice read or a new one is another page.
    shown = [
        (note.pk, note.kind, note.params, note.link, note.created_at, note.read_at)
        for note in page.items
    ]
    notices = fragments.cached_html(
        NOTICES_SCOPE,
        [get_language() or "en", timezone.get_current_timezone_name(), repr(shown)],
        lambda: render_to_string(
            "notifications/_notices.html", {"page": page, "csrf_token": fragments.CSRF_PLACEHOLDER}
        ),
    )
    unread = queries.unread_count(request.user)
    return render(
        request,
        "notifications/centre.html",
        {
            "page": page,
            "unread": unread,
            # The header's count, looked up once (notifications.context_processors).
            "unread_notifications": unread,
            "notices": mark_safe(fragments.with_csrf_token(notices, request)),  # noqa: S308 - escaped by the template
        },
    )


@login_required
@require_POST
def read(request: SignedInRequest, notice_id: int) -> HttpResponse:
    """Mark one notice read, then go to what it is about (`open`) or back to the centre."""
    try:
        notice = services.mark_read(request.user, notice_id)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    if request.POST.get("open") and notice.link.startswith("/"):
        return redirect(notice.link)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    """How the signed-in person receives each kind of notice."""
    choices = queries.preferences(request.user)
    form = PreferencesForm(choices, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(request.user, form.chosen())
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
