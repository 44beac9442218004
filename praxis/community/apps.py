from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "praxis.community"
    label = "community"
    verbose_name = _("Communities of practice")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog import hooks as catalog_hooks
        from praxis.community import links, thread_cache
        from praxis.community.models import Community, Membership, Thread
        from praxis.community.services.counts import COMMUNITIES_SCOPE
        from praxis.core.fragments import changes_with

        catalog_hooks.course_links.answer(links.course_space_link)
        thread_cache.connect()
        # The list of communities a visitor sees; their counts are told by services.counts.
        changes_with(COMMUNITIES_SCOPE, (Community, Membership, Thread))
        catalog_hooks.lesson_links.answer(links.lesson_discussion_link)
