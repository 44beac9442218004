"""Sessions kept in the database and read from the cache first
(`SESSION_ENGINE = "praxis.accounts.session_engines.cached_db"`)."""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore

from praxis.accounts.session_engines import ReadBySql


class SessionStore(CachedDatabaseStore, ReadBySql):
    pass
