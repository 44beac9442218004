"""What every page's layout needs."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from praxis.accounts import data_saver
from praxis.web.navigation import work_menu_markup


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        # The menu's "Your work", worked out only when a page shows the menu (kept in the
        # session: no query).
        "work_menu": SimpleLazyObject(lambda: work_menu_markup(request)),
        "data_saver": data_saver.is_on(request),
        "data_saver_in_browser": data_saver.on_in_browser(request),
        "data_saver_shown": data_saver.shown(request),
    }
