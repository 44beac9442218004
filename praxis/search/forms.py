from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.core.text_search import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search courses, events, communities and partners"),
        max_length=MAX_QUERY_CHARS,
        required=False,
    )
