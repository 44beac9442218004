"""Pages for a person's own data: download everything, delete the account, cancel the deletion.
Thin: parse, call the lifecycle services, render."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.lifecycle import erasure, exports, requests
from praxis.accounts.models import DataExport, User
from praxis.core.errors import PraxisError
from praxis.core.refusals import attempt, show_form_errors


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    posts = forms.ChoiceField(
        label=gettext_lazy("Your community posts"),
        choices=[
            ("erase", gettext_lazy("Erase them")),
            ("keep", gettext_lazy("Keep them, shown as written by “former member”")),
        ],
        initial="erase",
        widget=forms.RadioSelect,
    )


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the views below require a login
    return user


@never_cache
@login_required
@require_http_methods(["GET"])
def my_data(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    export = exports.latest_export(person)
    link = ""
    if export is not None and export.status == DataExport.Status.READY:
        link = reverse("accounts:data_download", args=[exports.download_link_token(export)])
    context = {
        "export": export,
        "link": link,
        "building": export is not None and export.status in requests.IN_PROGRESS,
        "erasure": erasure.pending_erasure(person),
        "days": settings.PERSONAL_EXPORT_DAYS,
    }
    return render(request, "accounts/privacy/my_data.html", context)


@login_required
@require_POST
def data_export(request: HttpRequest) -> HttpResponse:
    # No message of its own: the page it returns to says how the archive stands, being
    # prepared or, when the job has run already, ready; a message could say otherwise.
    attempt(request, lambda: requests.request_export(_person(request)))
    return redirect("accounts:my_data")


@never_cache
@login_required
@require_http_methods(["GET"])
def data_download(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    try:
        export = exports.archive_for_download(_person(request), token)
    except PraxisError as error:
        context = {"error": error, "code": str(error.code)}
        return render(
            request, "accounts/privacy/download_refused.html", context, status=error.status
        )
    response = FileResponse(
        exports.open_archive(export),
        as_attachment=True,
        filename=f"praxis-my-data-{export.created_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if erasure.pending_erasure(person) is not None:
        return redirect("accounts:erasure_scheduled")
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                scheduled = erasure.request_erasure(
                    person,
                    password=form.cleaned_data["password"],
                    keep_posts=form.cleaned_data["posts"] == "keep",
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                logout(request)  # every session of theirs has ended, this one too
                context = {"erase_after": scheduled.erase_after, "signed_out": True}
                return render(request, "accounts/privacy/erasure_scheduled.html", context)
    context = {"form": form, "grace_days": settings.ACCOUNT_ERASURE_GRACE_DAYS}
    return render(request, "accounts/privacy/delete_account.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def erasure_scheduled(request: HttpRequest) -> HttpResponse:
    pending = erasure.pending_erasure(_person(request))
    if pending is None:
        return redirect("accounts:my_data")
    context = {"erase_after": pending.erase_after, "signed_out": False}
    return render(request, "accounts/privacy/erasure_scheduled.html", context)


@login_required
@require_POST
def erasure_cancel(request: HttpRequest) -> HttpResponse:
    attempt(
        request,
        lambda: erasure.cancel_erasure(_person(request)),
        _("Your account will not be deleted. Welcome back."),
    )
    return redirect("accounts:my_data")
