"""Demo credentials: the issuer's key, a certificate for every completed course, and a few
self-reported CPD activities, so the wallet and the CPD record have something to show.

Completing a course issues its certificate through the catalog's hook; this also covers a demo
database loaded before credentials existed. Loading twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from praxis.catalog.models import Enrolment
from praxis.credentials import courses, services
from praxis.credentials.models import CpdActivity, Credential, CreditSystem
from praxis.demo.people import demo_people

CPD_LEARNER = "grace@praxis.example"
EXTERNAL = [
    ("Regional infection prevention symposium", "Ministry of Health", "cpd-hours", "6", 40),
    ("Simulation day: neonatal resuscitation", "Teaching hospital", "cpd-hours", "4", 95),
]


@transaction.atomic
def load_credentials() -> Counter[str]:
    created: Counter[str] = Counter()
    services.generate_signing_key()
    completed = Enrolment.objects.filter(
        status=Enrolment.Status.COMPLETED, learner__in=demo_people()
    ).select_related("learner", "course", "completed_version")
    for enrolment in completed:
        before = Credential.objects.filter(learner=enrolment.learner).count()
        version = enrolment.completed_version
        courses.issue_course_certificate(
            learner=enrolment.learner,
            course=enrolment.course,
            version=version.number if version is not None else None,
        )
        created["credentials"] += (
            Credential.objects.filter(learner=enrolment.learner).count() - before
        )
    learner = demo_people().filter(email=CPD_LEARNER).first()
    if (
        learner is not None
        and not CpdActivity.objects.filter(learner=learner, self_reported=True).exists()
    ):
        known = set(CreditSystem.objects.values_list("code", flat=True))
        for title, provider, system, credits, days_ago in EXTERNAL:
            if system not in known:  # a site may have removed a shipped credit system
                continue
            services.add_external_activity(
                learner,
                title=title,
                provider=provider,
                system_code=system,
                credits=Decimal(credits),
                day=timezone.localdate() - timedelta(days=days_ago),
            )
            created["CPD activities"] += 1
    return created
