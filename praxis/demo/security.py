"""The demo's terms of use and privacy notice (a first version, in the six interface
languages), and the second factor of the demo's staff.

Demo staff share one known authenticator key, DEMO_TOTP_KEY, so that anyone trying the demo
can log in as them: `manage.py demo_logins` prints the code of the moment. A real site's staff
set up their own.
"""

from __future__ import annotations

import datetime
from base64 import b32decode
from binascii import hexlify

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from praxis.accounts.models import LegalDocument, LegalDocumentKind, LegalDocumentTranslation
from praxis.demo.people import demo_staff

#: The Base32 key of the demo staff's authenticator (for apps: type it in as the key).
DEMO_TOTP_SECRET = "PRAXISDEMOSTAFFTOTPKEY234567ABCD"  # noqa: S105 - published on purpose
DEMO_TOTP_KEY = hexlify(b32decode(DEMO_TOTP_SECRET)).decode()
VERSION = "1.0"
PUBLISHED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _terms() -> tuple[str, str]:
    return _("Terms of use"), "\n\n".join(
        [
            _(
                "Praxis is a place to learn, for everyone working in health and care. By "
                "using it you agree to use it for learning and to treat others with respect."
            ),
            _(
                "Keep your password and your two-factor codes to yourself; you answer for "
                "what is done with your account."
            ),
            _(
                "Courses, events and community posts belong to their authors and partners; "
                "use them as their licence says. Do not post anything you have no right to "
                "share, nor anything that identifies a patient."
            ),
            _(
                "We may change these terms: you will be asked to accept a new version before "
                "you go on using the site."
            ),
        ]
    )


def _privacy() -> tuple[str, str]:
    return _("Privacy notice"), "\n\n".join(
        [
            _(
                "We keep what you give us (your name, e-mail address, occupation, country and "
                "languages) and what you do here (enrolments, progress, answers, posts) to run "
                "the site and to give you your learning record."
            ),
            _(
                "Research uses your data only if you consent to it, pseudonymised. You can "
                "download everything we hold about you and delete your account from your "
                "account page."
            ),
            _(
                "We keep a log of security events on your account (logins, changes to how "
                "you sign in) and show it to you; platform admins see it to protect you."
            ),
        ]
    )


def load_legal_documents() -> int:
    """The first version of the terms and the privacy notice, unless a version exists."""
    made = 0
    for kind, write in ((LegalDocumentKind.TERMS, _terms), (LegalDocumentKind.PRIVACY, _privacy)):
        if LegalDocument.objects.filter(kind=kind).exists():
            continue
        with translation.override(settings.LANGUAGE_CODE):
            title, body = write()
        document = LegalDocument.objects.create(
            kind=kind, version=VERSION, title=title, body=body, published_at=PUBLISHED
        )
        for language, _name in settings.LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            with translation.override(language):
                title, body = write()
            LegalDocumentTranslation.objects.create(
                document=document, language=language, title=title, body=body
            )
        made += 1
    return made


def ensure_demo_second_factor() -> int:
    """Give each demo staff member without one the demo authenticator."""
    made = 0
    for user in demo_staff():
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
            made += 1
    return made


def current_demo_code() -> str:
    """The demo staff's two-factor code at this moment (valid for about 30 seconds)."""
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
    totp.time = timezone.now().timestamp()
    return f"{totp.token():06d}"
