"""HTML forms for the community pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from praxis.community.models import Flag, Membership, Thread


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto", "data-draft": "body"}),
        help_text=_(
            "Markdown: **bold**, *italic*, > quote, - list, [link](https://…), @name to mention."
        ),
        max_length=20000,
    )
    attachments = MultipleFileField(
        label=_("Attach files (PDF, images or plain text; up to 3 files of 5 MB)"), required=False
    )


class ThreadForm(ReplyForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto", "data-draft": "title"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Thread.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    field_order = ["title", "kind", "language", "body", "attachments"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your post")


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}), max_length=20000
    )
    reason = forms.CharField(label=_("Reason for the edit"), max_length=300, required=False)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Anything to add (optional)"), max_length=500, required=False)


class EmailForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail me about new posts"), choices=Membership.Email.choices
    )


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=4000,
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("Or a file (PDF, image or plain text, up to 5 MB)"), required=False
    )
    topics = forms.CharField(label=_("Topics, separated by commas"), max_length=400, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the communities"), max_length=200, required=False)
    all = forms.BooleanField(label=_("Include every language"), required=False)
