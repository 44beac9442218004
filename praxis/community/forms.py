"""HTML forms for the community pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.community.models import Community, Flag, Membership, Thread
from praxis.community.queries import hosts_community_named
from praxis.community.services.membership import NAME_TAKEN
from praxis.core.languages import LanguageTagFormField, LanguageTagProblem, standard_tag
from praxis.organisations.models import Organisation


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


class LessonPostForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        max_length=20000,
    )


class ThreadForm(ReplyForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto", "data-draft": "title"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Thread.Kind.choices)
    language = LanguageTagFormField(label=_("Language"))
    tags = forms.CharField(
        label=_("Tags (optional)"),
        help_text=_("Up to five words or short phrases, separated by commas."),
        max_length=400,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    field_order = ["title", "kind", "language", "tags", "body", "attachments"]

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
    language = LanguageTagFormField(label=_("Language"))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the communities"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    all = forms.BooleanField(label=_("Include every language"), required=False)


class MessageForm(forms.Form):
    to = forms.CharField(
        label=_("To (the member's handle)"),
        help_text=_(
            "The name shown after “@” on their posts and member page; the “@” is optional."
        ),
        max_length=41,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("Markdown: **bold**, *italic*, > quote, - list, [link](https://…)."),
        max_length=20000,
    )


class MessageReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=20000,
    )


class OpenCommunityForm(forms.Form):
    host = forms.ModelChoiceField(label=_("Hosted by"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("What it is for"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=4000,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(v, label) for v, label in Community.Kind.choices if v != Community.Kind.COURSE],
    )
    access = forms.ChoiceField(
        label=_("Who may join"), choices=Community.Access.choices, widget=forms.RadioSelect
    )
    languages = forms.CharField(
        label=_("Languages"),
        help_text=_("Language tags separated by commas, e.g. en, fr, sw, pt-BR."),
        max_length=400,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_languages(self) -> list[str]:
        """Each tag checked and made canonical; the community service checks them again."""
        tags = [part.strip() for part in self.cleaned_data["languages"].split(",")]
        try:
            return list(dict.fromkeys(standard_tag(tag) for tag in tags if tag))
        except LanguageTagProblem as problem:
            raise forms.ValidationError(str(problem.message), code=str(problem.code)) from problem

    def __init__(self, data: Any = None, *, hosts: Any) -> None:
        super().__init__(data)
        field = self.fields["host"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hosts

    def clean(self) -> dict[str, Any]:
        """A name the host already gives a community is refused beside the name, with the
        other problems of the form (the community service refuses it too)."""
        cleaned = super().clean() or {}
        host, name = cleaned.get("host"), (cleaned.get("name") or "").strip()
        if host is not None and name and hosts_community_named(host, name):
            self.add_error("name", forms.ValidationError(NAME_TAKEN, code="community_exists"))
        return cleaned


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("Member's handle or account e-mail"),
        help_text=_("They are told, and join with one click."),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


REASON_LABEL = _("Reason (shown to the member)")


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(label=REASON_LABEL, max_length=500, required=False)


class ThreadModerationForm(ModerationReasonForm):
    target = forms.CharField(label=_("Move to community (slug)"), max_length=120, required=False)


class SuspensionForm(forms.Form):
    handle = forms.CharField(label=_("Member's handle"), max_length=40)
    days = forms.IntegerField(label=_("Days (0 lifts a suspension)"), min_value=0, max_value=365)
    reason = forms.CharField(label=REASON_LABEL, max_length=500)


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or handle"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class RemovalForm(forms.Form):
    # The service's own words for a long reason, so that the page and the API agree.
    reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        required=False,
        error_messages={"max_length": _("Keep the reason under 500 characters.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Tell me about new replies"),
        choices=[
            ("default", _("As set for the community")),
            ("follow", _("Follow: notify me of every reply")),
            ("mute", _("Mute: never notify me")),
        ],
    )


class MessageFlagForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong with it? (optional)"), max_length=500, required=False
    )
