"""Sessions kept in the database (`SESSION_ENGINE = "praxis.accounts.session_engines.db"`)."""

from praxis.accounts.session_engines import ReadBySql


class SessionStore(ReadBySql):
    pass
