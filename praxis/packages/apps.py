from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class PackagesConfig(AppConfig):
    name = "praxis.packages"
    label = "packages"
    verbose_name = "Content packages"

    def ready(self) -> None:
        from praxis.lrs import hooks as lrs_hooks
        from praxis.packages import cmi5_rules, tincan

        checks.register(package_origin_is_separate, checks.Tags.security)
        checks.register(package_origin_is_kept_to_packages, checks.Tags.security)
        lrs_hooks.statements_refused.answer(cmi5_rules.statements_refused)
        lrs_hooks.statements_stored.answer(cmi5_rules.statements_stored)
        lrs_hooks.statements_stored.answer(tincan.statements_stored)
        lrs_hooks.document_refused.answer(cmi5_rules.document_refused)
        lrs_hooks.document_read.answer(cmi5_rules.document_read)


def package_origin_is_separate(**kwargs: Any) -> list[checks.CheckMessage]:
    """A package served from the site's own origin could read the learner's session: warn."""
    site, packages = urlsplit(settings.SITE_URL), urlsplit(settings.PACKAGE_ORIGIN)
    if (site.scheme, site.netloc) == (packages.scheme, packages.netloc):
        return [
            checks.Warning(
                "PACKAGE_ORIGIN is the site's own origin: content packages could act as the "
                "learner. Give packages a host name of their own.",
                id="packages.W001",
            )
        ]
    return []


MIDDLEWARE_NAME = "praxis.packages.middleware.PackageOriginOnlyMiddleware"


def package_origin_is_kept_to_packages(**kwargs: Any) -> list[checks.CheckMessage]:
    """The package origin answers the whole site unless its middleware keeps it to packages:
    a package could then open the sign-in page on its own origin and read it. Warn."""
    from praxis.packages.middleware import package_host

    if package_host() is not None and MIDDLEWARE_NAME not in settings.MIDDLEWARE:
        return [
            checks.Warning(
                "The package origin serves the whole site: content packages could open its "
                "pages, the sign-in page included, on their own origin.",
                hint=f"Add {MIDDLEWARE_NAME} to MIDDLEWARE, after SecurityMiddleware.",
                id="packages.W002",
            )
        ]
    return []
