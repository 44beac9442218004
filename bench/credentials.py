"""Benchmark: credentials issued per second and verifications per second, on one core.

Runs in this process (one core) against a throwaway test database that Django creates and
destroys (in memory for SQLite; test_<name> on PostgreSQL when DATABASE_URL is set). Issuing
signs an Open Badges 3.0 credential (RDFC-1.0 canonicalization of the credential and the proof
options, Ed25519) and stores it with its CPD lines and xAPI statement; verifying checks the
issuer, the signature (canonicalizing again), the validity dates and the status.

BENCH_CREDENTIALS (200) credentials are issued; each is then verified BENCH_VERIFY_ROUNDS (3)
times. Rates are given per second of elapsed time and per second of the process's CPU time.
Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")

import django  # noqa: E402  # django.setup() must run first

django.setup()

from django.db import connection  # noqa: E402  # django.setup() must run first
from django.test.utils import setup_test_environment  # noqa: E402  # django.setup() must run first

COUNT = int(os.environ.get("BENCH_CREDENTIALS", "200"))
ROUNDS = int(os.environ.get("BENCH_VERIFY_ROUNDS", "3"))


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from praxis.accounts.models import User
    from praxis.credentials.services import define_achievement, issue_credential
    from praxis.credentials.verification import verify

    learners = [
        User.objects.create_user(f"bench{n}@example.org", None, full_name=f"Learner {n} أمينة")
        for n in range(COUNT)
    ]
    achievement = define_achievement(
        "course:bench",
        kind="course",
        name="Infection prevention and control — 感染预防与控制",
        criteria="Completed every lesson of the course.",
        description="Standard precautions in health facilities.",
        hours="3",
        credits={"cpd-hours": "3", "ama-pra-1": None, "iacet-ceu": None},
        alignments=[{"targetName": "Infection prevention", "targetUrl": "https://example.org/ipc"}],
    )
    issue_credential(learners[0], achievement)  # makes the key; warms caches

    started, cpu_started = time.perf_counter(), time.process_time()
    credentials = [issue_credential(learner, achievement) for learner in learners[1:]]
    issuing, issuing_cpu = time.perf_counter() - started, time.process_time() - cpu_started

    documents = [credential.document for credential in credentials]
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(ROUNDS):
        for document in documents:
            assert verify(document).valid
    verifying, verifying_cpu = time.perf_counter() - started, time.process_time() - cpu_started

    issued, verified = len(credentials), len(documents) * ROUNDS
    # Per second of elapsed time, and per second of this process's CPU time: on a machine shared
    # with other jobs the second is what one free core would do.
    print(f"credentials ({connection.vendor}, one process)")
    print(
        f"  issued:   {issued / issuing:8.1f}/s elapsed, {issued / issuing_cpu:8.1f}/s of CPU "
        f"({issued} credentials)"
    )
    print(
        f"  verified: {verified / verifying:8.1f}/s elapsed, "
        f"{verified / verifying_cpu:8.1f}/s of CPU "
        f"({verified} verifications)"
    )


if __name__ == "__main__":
    main()
