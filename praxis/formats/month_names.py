"""The names of the months, as Praxis's catalogues carry them.

Django's Portuguese catalogue writes the months with a capital ("20 de Dezembro de 2026"),
which Portuguese does not. Named here, the months are in Praxis's catalogues, which take
precedence over Django's: every language keeps Django's own names for them, copied into its
catalogue, and Portuguese writes them in lower case ("20 de dezembro de 2026")."""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
