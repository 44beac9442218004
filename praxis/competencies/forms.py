"""The framework pages' forms: they parse and label; the CASE import decides what is valid."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from praxis.competencies.case import MAX_PACKAGE_BYTES


class CaseImportForm(forms.Form):
    package = forms.FileField(
        label=_("CASE JSON file"),
        error_messages={"required": _("Choose a CASE JSON file.")},
        widget=forms.FileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_package(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["package"]
        if (upload.size or 0) > MAX_PACKAGE_BYTES:
            raise forms.ValidationError(_("A CASE package can be at most 5 MB."), code="too_large")
        return upload
