"""manage.py demo_logins: the demo accounts to try, as a small table."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.accounts.models import User
from praxis.demo.content.people import PASSWORD, PEOPLE
from praxis.demo.partners import NEW_PEOPLE as PARTNER_PEOPLE
from praxis.demo.security import DEMO_TOTP_SECRET, current_demo_code


class Command(BaseCommand):
    help = "Print the demo logins: e-mail, role or stage, language and password."

    def handle(self, *args: Any, **options: Any) -> None:
        emails = [p.email for p in PEOPLE] + [p[0] for p in PARTNER_PEOPLE]
        present = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        rows = [("E-mail", "Role / stage", "Language", "Password")]
        rows += [
            (person.email, person.stage, person.preferred_language, PASSWORD)
            for person in PEOPLE
            if person.email in present
        ]
        rows += [
            (email, f"organisation admin, {organisation}", "en", PASSWORD)
            for email, _name, _country, _occupation, organisation in PARTNER_PEOPLE
            if email in present
        ]
        if len(rows) == 1:
            self.stdout.write("No demo accounts yet: run `manage.py load_demo` first.")
            return
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        self.stdout.write("Demo logins:")
        self.stdout.write("\n".join(line.rstrip() for line in lines))
        if any(person.is_staff or person.is_superuser for person in PEOPLE):
            self.stdout.write(
                f"Staff and the admin then give a two-factor code: now {current_demo_code()} "
                "(it changes every 30 seconds: run `manage.py demo_logins` again), or add the "
                f"key {DEMO_TOTP_SECRET} to an authenticator app."
            )
