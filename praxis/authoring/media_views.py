"""The draft's course image, each of its sizes shown to the draft's team before it is published.
(The form that sends the image is the draft page's: praxis.authoring.draft_page.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.views.decorators.http import require_GET

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.catalog import images


@login_required
@require_GET
def image_file(request: SignedInRequest, key: str, filename: str) -> FileResponse:
    """One size of the draft's image, for its team to see before it is published."""
    found = queries.find_draft(request.user, key)
    return images.serve(found.image, filename)
