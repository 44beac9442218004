"""Research consent: versioned texts per language, and each learner's grants and withdrawals.

A learner's consent is their latest ConsentRecord. Exports and experiments ask
`consenting_learner_ids()` or `taking_part_since()` at the moment they need it, so a withdrawal
counts from then on.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, NotAuthenticated, NotFound, ValidationFailed
from praxis.core.languages import best_match
from praxis.core.people import Person, signed_in
from praxis.research.models import ConsentRecord, ConsentText


def current_text(language: str | None = None) -> ConsentText | None:
    """The newest version of the consent text, in `language` if it exists, else in English."""
    latest = ConsentText.objects.aggregate(version=Max("version"))["version"]
    if latest is None:
        return None
    texts = {t.language: t for t in ConsentText.objects.filter(version=latest)}
    code = best_match(language or get_language() or "en", texts) or best_match("en", texts)
    return texts[code] if code is not None else next(iter(texts.values()))


def latest_record(learner: Person) -> ConsentRecord | None:
    if not signed_in(learner):
        return None
    return ConsentRecord.objects.filter(learner=learner).first()


def has_consented(learner: Person) -> bool:
    record = latest_record(learner)
    return bool(record and record.granted)


def history(learner: Person) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(learner=learner)


def _latest_granted() -> Subquery:
    return Subquery(
        ConsentRecord.objects.filter(learner=OuterRef("pk"))
        .order_by("-recorded_at", "-id")
        .values("granted")[:1]
    )


# The key of the PostgreSQL advisory lock that orders erasures of participants and the moment
# an export is declared finished (any number, the same everywhere).
PARTICIPANTS_LOCK = 0x50524158


def lock_participants(*, exclusive: bool) -> None:
    """Hold, until the current transaction ends, the lock on who takes part in research.

    An account erasure holds it alone (`exclusive`) while it removes the person; an export
    shares it while it checks its learners once more and marks itself finished. So an export
    either finishes before the erasure looks for files holding the person, or checks after the
    person is gone. On SQLite every writing transaction is already one at a time.
    """
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [PARTICIPANTS_LOCK])


def consenting_learners() -> QuerySet[User]:
    """Everyone whose latest consent record is a grant, as of now."""
    return User.objects.annotate(research_consent=_latest_granted()).filter(
        research_consent=True, is_active=True
    )


def consenting_learner_ids() -> set[int]:
    return set(consenting_learners().values_list("pk", flat=True))


def taking_part_since(moment: str, learner: str = "learner") -> Q:
    """A condition on rows naming a learner and a moment (an experiment's assignment and when
    it was made): the learner consents now and has not withdrawn since that moment. Consent
    given again after a withdrawal does not meet it: what the withdrawal ended stays ended."""
    records = ConsentRecord.objects.filter(learner=OuterRef(learner))
    latest = records.order_by("-recorded_at", "-id").values("granted")[:1]
    withdrawn = records.filter(granted=False, recorded_at__gte=OuterRef(moment))
    return Q(Subquery(latest)) & ~Q(Exists(withdrawn))


@transaction.atomic
def set_consent(learner: Person, *, granted: bool, version: int | None = None) -> ConsentRecord:
    """Record that `learner` grants (or withdraws) research consent to the text `version`
    (the current one when not given). Every change is kept; nothing is overwritten. The same
    decision sent again (a second press, a page left open in another tab) is no change: the
    record that says so already is answered, and no second one is written."""
    if not signed_in(learner):
        raise NotAuthenticated()
    text = current_text(learner.preferred_language)
    if text is None:
        raise NotFound(ErrorCode.NO_CONSENT_TEXT, _("There is no research consent text yet."))
    if version is not None and version != text.version:
        raise ValidationFailed(
            fields={"version": [_("This consent text has been replaced; please read the new one.")]}
        )
    # The learner's row is locked first, so that two presses at once write one record.
    User.objects.select_for_update().filter(pk=learner.pk).values_list("pk").first()
    latest = latest_record(learner)
    if (
        latest is not None
        and latest.granted == granted
        and latest.version == text.version
        and latest.language == text.language
    ):
        return latest
    return ConsentRecord.objects.create(
        learner=learner, granted=granted, version=text.version, language=text.language
    )


@transaction.atomic
def publish_consent_text(version: int, texts: dict[str, tuple[str, str]]) -> list[ConsentText]:
    """Store version `version` of the consent text: language → (title, body). Existing
    languages of that version are left as they are (a published text is never edited)."""
    made = []
    for language, (title, body) in texts.items():
        text, _created = ConsentText.objects.get_or_create(
            version=version, language=language, defaults={"title": title, "body": body}
        )
        made.append(text)
    return made
