"""The rules a new password must meet: Django's checks, with their messages in Praxis's catalogue.

Django's own catalogues do not serve every interface language: some have none of these messages
(Bengali, Hindi, Swahili, Urdu), and Django 5.2 reworded the minimum-length message ("%d
characters"), which most of them, Chinese among them, have not translated yet. Each rule here
checks as Django's does and says why through Praxis's catalogue, which holds every interface
language; the minimum length keeps the wording with a named placeholder that Django's older
catalogues translate as well. AUTH_PASSWORD_VALIDATORS names these classes.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext, ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Refuses a password too like the person's e-mail address or name."""

    def get_error_message(self) -> str:
        return gettext("The password is too similar to the %(verbose_name)s.")

    def get_help_text(self) -> str:
        return gettext("Your password can’t be too similar to your other personal information.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Refuses a password shorter than `min_length` characters."""

    def get_error_message(self) -> str:
        # Filled in by the ValidationError, which Django gives the `min_length` parameter.
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Refuses a password from the list of the 20,000 most common ones."""

    def get_error_message(self) -> str:
        return gettext("This password is too common.")

    def get_help_text(self) -> str:
        return gettext("Your password can’t be a commonly used password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    """Refuses a password made of digits alone."""

    def get_error_message(self) -> str:
        return gettext("This password is entirely numeric.")

    def get_help_text(self) -> str:
        return gettext("Your password can’t be entirely numeric.")
