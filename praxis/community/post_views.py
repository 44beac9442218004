"""What an author does to one of their own posts besides editing it: taking it back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.community.page_actions import post_and_thread, post_url, thread_url
from praxis.community.services import posting
from praxis.core.errors import PermissionDenied, PraxisError


@require_http_methods(["GET", "POST"])
@login_required
def delete_post(request: SignedInRequest, post_id: int) -> HttpResponse:
    """GET asks the author to confirm; POST deletes the reply and goes back to the thread."""
    post = post_and_thread(request, post_id)
    if post.author_id != request.user.pk:
        raise PermissionDenied(message=posting.ONLY_THE_AUTHOR)
    error = None
    if request.method == "POST":
        try:
            thread = posting.delete_post(request.user, post)
        except PraxisError as refused:
            error = refused
        else:
            messages.success(request, _("Your reply is deleted."))
            return redirect(thread_url(thread))
    return render(
        request,
        "community/delete_post.html",
        {"post": post, "error": error, "back": post_url(post)},
        status=error.status if error else 200,
    )
