"""Partner directory pages, membership and the CSV import. Thin: load, check, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import ErrorCode, PraxisError, ValidationFailed
from praxis.core.forms import row_form
from praxis.core.languages import in_sentence
from praxis.core.people import signed_in
from praxis.core.permissions import require
from praxis.core.refusals import attempt, show_form_errors
from praxis.organisations import importing, memberships, queries, services
from praxis.organisations.forms import (
    DirectoryForm,
    ImportForm,
    InvitationForm,
    LogoForm,
    MemberRoleForm,
    ProfileForm,
)
from praxis.organisations.models import Invitation, Membership, Organisation, Role
from praxis.organisations.permissions import (
    manage_directory,
    manage_organisation,
)
from praxis.reference.models import WhoRegion


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None, topics=queries.all_topics())
    filters = form.filters()
    page = queries.directory(page=request.GET.get("page", 1), **filters)
    return render(
        request,
        "organisations/directory.html",
        {
            "form": form,
            "page": page,
            "searched": any(filters.values()),
            "regions": dict(WhoRegion.choices),
        },
    )


@require_GET
def regions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/regions.html",
        {"rows": queries.region_table(), "regions": dict(WhoRegion.choices)},
    )


@require_GET
def networks(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/networks.html", {"networks": queries.networks()})


@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    page = queries.organisation_page(slug)
    mine = [
        m for m in queries.memberships_of(request.user) if m.organisation_id == page.organisation.pk
    ]
    return render(
        request,
        "organisations/organisation.html",
        {
            "page": page,
            "organisation": page.organisation,
            "region_name": dict(WhoRegion.choices).get(page.region or ""),
            "membership": mine[0] if mine else None,
            "can_manage": manage_organisation.allows(request.user, page.organisation),
        },
    )


@require_GET
def logo(request: HttpRequest, slug: str, filename: str) -> FileResponse:
    """An organisation's logo, read through the storage (local files or object storage).

    Served only under its own stored name and as the image type its name says, never sniffed.
    """
    found = get_object_or_404(Organisation, slug=slug)
    content_type = services.logo_content_type(found.logo_filename)
    if content_type is None or found.logo_filename != filename:
        raise Http404
    try:
        stored = found.logo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # The name changes with every new logo, so this address always shows the same picture.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_POST
def request_to_join(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    found = get_object_or_404(Organisation, slug=slug)
    if not signed_in(user):
        return redirect_to_login(reverse("organisations:organisation", args=[slug]))
    attempt(
        request,
        lambda: memberships.request_to_join(found, user),
        _("Your request was sent to the organisation's admins."),
    )
    return redirect("organisations:organisation", slug=slug)


def _profile_initial(found: Organisation) -> dict[str, str]:
    return {
        "name": found.name,
        "short_name": found.short_name,
        "website": found.website,
        "description": found.description,
        "topics": "; ".join(found.topics),
    }


def _invited(email: str, earlier: Invitation | None) -> str:
    """What the admin is told once an invitation is sent: whether it replaced one."""
    if earlier is None:
        return _("The invitation is on its way.")
    return _(
        "%(email)s was already invited on %(day)s. A new invitation is on its way; the link "
        "sent before no longer works."
    ) % {
        "email": email,
        "day": date_format(timezone.localtime(earlier.created_at), "DATE_FORMAT"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: SignedInRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Organisation, slug=slug)
    require(manage_organisation, request.user, found)
    profile = ProfileForm(
        request.POST if "profile" in request.POST else None, initial=_profile_initial(found)
    )
    logo = LogoForm(
        request.POST if "logo" in request.FILES or "upload" in request.POST else None,
        request.FILES or None,
    )
    invitation = InvitationForm(request.POST if "invite" in request.POST else None)
    posted = next((form for form in (profile, logo, invitation) if form.is_bound), None)
    status = 400
    if posted is not None:
        try:
            if posted is profile and profile.is_valid():
                services.update_organisation(found, request.user, **profile.cleaned_data)
                messages.success(request, _("The organisation's page is updated."))
                return redirect("organisations:manage", slug=slug)
            if posted is logo and logo.is_valid():
                services.set_logo(found, logo.cleaned_data["logo"], request.user)
                messages.success(request, _("The logo is updated."))
                return redirect("organisations:manage", slug=slug)
            if posted is invitation and invitation.is_valid():
                email = invitation.cleaned_data["email"]
                earlier = queries.invitation_waiting(found, email)
                memberships.invite(found, email, invitation.cleaned_data["role"], request.user)
                messages.success(request, _invited(email, earlier))
                return redirect("organisations:manage", slug=slug)
        except PraxisError as error:
            show_form_errors(posted, error)
            status = error.status
    return _manage_page(
        request,
        found,
        {"profile": profile, "logo": logo, "invitation": invitation},
        status=status if posted is not None and posted.errors else 200,
    )


def _empty_forms(found: Organisation) -> dict[str, object]:
    """The manage page's three forms as they are when nothing was posted to them."""
    return {
        "profile": ProfileForm(initial=_profile_initial(found)),
        "logo": LogoForm(),
        "invitation": InvitationForm(),
    }


def _manage_page(
    request: HttpRequest,
    found: Organisation,
    forms: dict[str, object],
    *,
    refused: tuple[int, MemberRoleForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The manage page with its three forms; `refused` is the row (membership id, its form
    with the refusal on it) whose change was refused, shown again beside that person."""

    def role_form(membership: Membership) -> MemberRoleForm:
        if refused is not None and refused[0] == membership.pk:
            return refused[1]
        return row_form(MemberRoleForm, membership.pk, initial={"role": membership.role})

    return render(
        request,
        "organisations/manage.html",
        {
            "organisation": found,
            **forms,
            "people": [
                (membership, role_form(membership)) for membership in queries.people_of(found)
            ],
            "invitations": queries.invitations_waiting(found),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_POST
def withdraw_invitation(request: SignedInRequest, slug: str, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation__slug=slug,
    )
    found = invitation.organisation
    require(manage_organisation, request.user, found)
    try:
        memberships.withdraw_invitation(invitation, request.user)
    except PraxisError as error:
        messages.error(request, str(error.message))
        return _manage_page(request, found, _empty_forms(found), status=error.status)
    messages.success(
        request,
        _("The invitation to %(email)s is withdrawn: its link no longer works.")
        % {"email": in_sentence(invitation.email)},
    )
    return redirect("organisations:manage", slug=slug)


@login_required
@require_POST
def decide_membership(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"),
        pk=membership_id,
        organisation__slug=slug,
    )
    action = request.POST.get("action", "")
    if action in {"role", "remove"}:
        # The role form of this person's row, shown again with any error beside it.
        row = row_form(
            MemberRoleForm,
            membership.pk,
            data=request.POST if action == "role" else {"role": membership.role},
        )
        status = 400
        if row.is_valid():
            try:
                if action == "role":
                    memberships.change_role(membership, row.cleaned_data["role"], request.user)
                else:
                    memberships.end_membership(membership, request.user)
            except PraxisError as error:
                show_form_errors(row, error)
                status = error.status
            else:
                messages.success(request, _("Done."))
                if not manage_organisation.allows(request.user, membership.organisation):
                    # Someone who gave up their own admin role may no longer manage.
                    return redirect("organisations:organisation", slug=slug)
                return redirect("organisations:manage", slug=slug)
        require(manage_organisation, request.user, membership.organisation)
        return _manage_page(
            request,
            membership.organisation,
            _empty_forms(membership.organisation),
            refused=(membership.pk, row),
            status=status,
        )

    def decide() -> None:
        if action in {"approve", "decline"}:
            memberships.decide_request(membership, action == "approve", request.user)
        else:
            raise PraxisError(message=_("Choose what to do."))

    attempt(request, decide, _("Done."))
    return redirect("organisations:manage", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def my_memberships(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        membership = get_object_or_404(
            Membership, pk=_number(request.POST.get("membership")), user=request.user
        )

        def change() -> None:
            if request.POST.get("action") == "leave":
                memberships.end_membership(membership, request.user)
            else:
                memberships.set_listed(membership, request.POST.get("listed") == "1", request.user)

        attempt(request, change, _("Saved."))
        return redirect("organisations:mine")
    return render(
        request,
        "organisations/mine.html",
        {"memberships": queries.memberships_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = request.user
    try:
        invitation = memberships.read_invitation(token)
    except PraxisError as error:
        return render(
            request,
            "organisations/invitation.html",
            {"error": error, "invitation": None},
            status=error.status,
        )
    if request.method == "POST" and not signed_in(user):
        return redirect_to_login(request.get_full_path())
    refusal: PraxisError | None = None
    change = None
    if signed_in(user):
        try:
            memberships.check_invitee(invitation, user)
        except PraxisError as error:
            refusal = error
        else:
            change = memberships.invitation_role_change(invitation, user)
    # A visitor posting was sent to sign in above.
    if request.method == "POST" and refusal is None and signed_in(user):
        try:
            memberships.accept_invitation(
                token, user, role_change=request.POST.get("role_change", "")
            )
        except PraxisError as error:
            refusal = error
        else:
            messages.success(request, _("Welcome: you are now a member."))
            return redirect("organisations:organisation", slug=invitation.organisation.slug)
    return render(
        request,
        "organisations/invitation.html",
        {
            "invitation": invitation,
            "error": None,
            "refusal": refusal,
            "current_role": Role(change[0]).label if change else None,
        },
        status=refusal.status if refusal and request.method == "POST" else 200,
    )


def _csv_text(form: ImportForm) -> str:
    """The CSV text of the file chosen, or of the text checked before (sent back hidden)."""
    upload = form.cleaned_data["file"]
    if upload is None:
        return str(form.cleaned_data["text"])
    importing.check_size(upload.size or 0)
    try:
        return str(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ValidationFailed(
            message=_("Save the file as UTF-8 text and try again."), fields={"file": []}
        ) from error


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: SignedInRequest) -> HttpResponse:
    require(manage_directory, request.user)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    preview = None
    text = ""
    status = 400 if posted else 200
    if posted and form.is_valid():
        try:
            text = _csv_text(form)
            if "confirm" in request.POST:
                result = importing.import_organisations(text, request.user)
                messages.success(
                    request,
                    _("%(count)s organisations imported.") % {"count": len(result.rows)},
                )
                return redirect("organisations:directory")
            preview = importing.preview(text)
            status = 200 if preview.valid else 400
        except PraxisError as refused:
            # What is wrong with the file as a whole is said beside the file field.
            form.add_error("file", str(refused.message))
            for message in refused.fields.get("file", []):
                form.add_error("file", str(message))
            if refused.code == ErrorCode.CSV_INVALID_ROWS:
                preview = importing.preview(text)
            status = refused.status
    return render(
        request,
        "organisations/import.html",
        {
            "form": form,
            "preview": preview,
            "text": text if preview else "",
            "columns": importing.REQUIRED_COLUMNS + importing.OPTIONAL_COLUMNS,
        },
        status=status,
    )
