"""Checking the fields of a person's account, shared by sign-up and profile updates.

Each check takes untrusted input (from a form or the API) and returns the cleaned value or raises
`FieldError`; `clean_fields` runs the checks for the fields given and reports every problem at
once as one `ValidationFailed`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.languages import LanguageTagProblem, standard_tag
from praxis.core.timezones import is_zone
from praxis.reference.models import Occupation

EMAIL_MAX_LENGTH = 254
FULL_NAME_MAX_LENGTH = 150
ORGANISATION_MAX_LENGTH = 200
# Ages a year of birth may give: learners are health workers, students included.
YOUNGEST_AGE, OLDEST_AGE = 15, 100
# Long enough for any passphrase; short enough that hashing stays cheap.
PASSWORD_MAX_LENGTH = 1024


# More spoken languages than anyone lists; a longer list is a mistake or an attack.
MAX_SPOKEN_LANGUAGES = 20


class FieldError(Exception):
    """One field's problem: a code and translated messages."""

    def __init__(self, code: ErrorCode, *messages: str | Promise) -> None:
        self.code = code
        self.messages = list(messages)
        super().__init__(code)


def clean_text(value: Any, *, max_length: int, required: bool) -> str:
    """Trimmed text without NUL characters (PostgreSQL refuses them), at most `max_length` long."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise FieldError(ErrorCode.INVALID_INPUT, _("Enter text."))
    if "\x00" in value:
        raise FieldError(ErrorCode.INVALID_INPUT, _("Null characters are not allowed."))
    text = value.strip()
    if required and not text:
        raise FieldError(ErrorCode.INVALID_INPUT, _("This field is required."))
    if len(text) > max_length:
        raise FieldError(
            ErrorCode.INVALID_INPUT,
            _("Use at most %(limit)d characters.") % {"limit": max_length},
        )
    return text


def clean_email(value: Any) -> str:
    """A syntactically valid e-mail address, trimmed and in lower case."""
    email = clean_text(value, max_length=EMAIL_MAX_LENGTH, required=True).lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise FieldError(ErrorCode.INVALID_INPUT, _("Enter a valid e-mail address.")) from error
    return email


def clean_full_name(value: Any) -> str:
    return clean_text(value, max_length=FULL_NAME_MAX_LENGTH, required=True)


def clean_organisation_name(value: Any) -> str:
    return clean_text(value, max_length=ORGANISATION_MAX_LENGTH, required=False)


def clean_occupation(value: Any) -> Occupation | None:
    """The reference occupation with this ISCO-08 code; empty means none."""
    if value in (None, ""):
        return None
    if isinstance(value, Occupation):
        return value
    if not isinstance(value, str):
        raise FieldError(ErrorCode.INVALID_INPUT, _("Enter an ISCO-08 code."))
    occupation = Occupation.objects.filter(isco08=value.strip()).first()
    if occupation is None:
        raise FieldError(ErrorCode.UNKNOWN_OCCUPATION, _("Choose an occupation from the list."))
    return occupation


def clean_country(value: Any) -> str:
    """An ISO 3166 alpha-2 country code in upper case; empty means not given."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise FieldError(ErrorCode.INVALID_INPUT, _("Enter a country code."))
    code = value.strip().upper()
    if code not in countries:
        raise FieldError(ErrorCode.UNKNOWN_COUNTRY, _("Choose a country from the list."))
    return code


def clean_languages(value: Any) -> list[str]:
    """Spoken languages as BCP 47 tags in canonical form ("pt-br" → "pt-BR"), each once, in the
    order given: any language of the registry, not only those the form offers."""
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise FieldError(ErrorCode.INVALID_INPUT, _("Enter a list of language codes."))
    if len(value) > MAX_SPOKEN_LANGUAGES:
        raise FieldError(
            ErrorCode.INVALID_INPUT,
            _("List at most %(count)d languages.") % {"count": MAX_SPOKEN_LANGUAGES},
        )
    cleaned: list[str] = []
    for code in value:
        try:
            tag = standard_tag(code)
        except LanguageTagProblem as problem:
            raise FieldError(problem.code, problem.message) from problem
        if tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def clean_preferred_language(value: Any) -> str:
    """One of the interface languages."""
    if not isinstance(value, str) or value not in dict(settings.LANGUAGES):
        raise FieldError(ErrorCode.UNKNOWN_LANGUAGE, _("Choose one of the interface languages."))
    return value


def clean_birth_year(value: Any) -> int | None:
    """A year of four digits giving an age from 15 to 100 this year; empty means not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    digits = value.strip() if isinstance(value, str) else ""
    if len(digits) == 4 and digits.isascii() and digits.isdigit():
        year = int(digits)
    elif isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        year = value
    else:
        raise FieldError(
            ErrorCode.INVALID_BIRTH_YEAR, _("Enter the year as four digits, for example 1985.")
        )
    this_year = timezone.now().year
    if year > this_year:
        raise FieldError(ErrorCode.INVALID_BIRTH_YEAR, _("The year of birth is in the future."))
    if not YOUNGEST_AGE <= this_year - year <= OLDEST_AGE:
        raise FieldError(
            ErrorCode.INVALID_BIRTH_YEAR,
            _("Enter a year of birth from %(earliest)d to %(latest)d.")
            % {"earliest": this_year - OLDEST_AGE, "latest": this_year - YOUNGEST_AGE},
        )
    return year


def clean_time_zone(value: Any) -> str:
    """A zone of the tz database, or empty for none."""
    if value is None or value == "":
        return ""
    if not is_zone(value):
        raise FieldError(ErrorCode.UNKNOWN_TIME_ZONE, _("Choose a time zone from the list."))
    return str(value)


def clean_data_saver(value: Any) -> bool:
    """True or false, nothing else (not "yes", not 1)."""
    if not isinstance(value, bool):
        raise FieldError(ErrorCode.INVALID_INPUT, _("Choose on or off (true or false)."))
    return value


def clean_password(password: Any, user: User) -> str:
    """A password Django's configured validators accept for `user`."""
    if not isinstance(password, str) or not password:
        raise FieldError(ErrorCode.WEAK_PASSWORD, _("Enter a password."))
    if len(password) > PASSWORD_MAX_LENGTH:
        raise FieldError(
            ErrorCode.WEAK_PASSWORD,
            _("Use at most %(limit)d characters.") % {"limit": PASSWORD_MAX_LENGTH},
        )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise FieldError(ErrorCode.WEAK_PASSWORD, *error.messages) from error
    return password


PROFILE_CHECKS: dict[str, Callable[[Any], Any]] = {
    "full_name": clean_full_name,
    "occupation": clean_occupation,
    "country": clean_country,
    "languages": clean_languages,
    "preferred_language": clean_preferred_language,
    "organisation_name": clean_organisation_name,
    "birth_year": clean_birth_year,
    "time_zone": clean_time_zone,
    "data_saver": clean_data_saver,
}


def invalid(name: str, error: FieldError) -> ValidationFailed:
    """The ValidationFailed for one field's problem, ready to raise."""
    return ValidationFailed(error.code, fields={name: error.messages})


def raise_for(errors: Mapping[str, FieldError]) -> None:
    """Raise one ValidationFailed for all `errors`, if any.

    Its code is the fields' code when they agree (EMAIL_TAKEN, WEAK_PASSWORD…), INVALID_INPUT
    when they differ.
    """
    if not errors:
        return
    codes = {error.code for error in errors.values()}
    code = codes.pop() if len(codes) == 1 else ErrorCode.INVALID_INPUT
    raise ValidationFailed(code, fields={name: error.messages for name, error in errors.items()})


def clean_fields(
    values: Mapping[str, Any], checks: Mapping[str, Callable[[Any], Any]] = PROFILE_CHECKS
) -> tuple[dict[str, Any], dict[str, FieldError]]:
    """Run the check of each field in `values`; return the cleaned values and the errors."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, FieldError] = {}
    for name, value in values.items():
        if name not in checks:
            raise TypeError(f"{name} is not a profile field")
        try:
            cleaned[name] = checks[name](value)
        except FieldError as error:
            errors[name] = error
    return cleaned, errors
