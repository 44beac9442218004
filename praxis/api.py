"""The JSON API at /api/v1/: one NinjaAPI, each app contributing a router."""

from praxis.accounts.api import router as accounts_router
from praxis.accounts.auth import api_auth
from praxis.assessments.api import router as assessments_router
from praxis.authoring.api import router as authoring_router
from praxis.catalog.api import router as catalog_router
from praxis.community.api import router as community_router
from praxis.competencies.api import router as competencies_router
from praxis.core.api import PraxisAPI, install_error_handlers
from praxis.credentials.api import router as credentials_router
from praxis.events.api import router as events_router
from praxis.lrs.api import router as lrs_router
from praxis.organisations.api import router as organisations_router
from praxis.research.api import router as research_router

api = PraxisAPI(
    title="Praxis API",
    version="1",
    description="Catalogue, enrolment, progress, learning record and profile.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/me", accounts_router)
api.add_router("/me/learning-record", lrs_router, auth=api_auth)
api.add_router("", catalog_router)
api.add_router("", community_router)
api.add_router("", competencies_router)
api.add_router("", assessments_router)
api.add_router("", credentials_router)
api.add_router("", events_router)
api.add_router("", organisations_router)
api.add_router("", authoring_router)
api.add_router("", research_router)
