"""Writing to the Learning Record Store. Domain services call `record` inside their own
transaction; the /xapi/ views call `store_statements` and the document services."""

from praxis.lrs.services.statements import (
    StatementConflict,
    VoidingForbidden,
    WriteTooSlow,
    account_agent,
    activity,
    actor_key,
    language_tag,
    platform_authority,
    platform_statement,
    record,
    record_all,
    store_statements,
    write_window,
)

__all__ = [
    "StatementConflict",
    "VoidingForbidden",
    "WriteTooSlow",
    "account_agent",
    "activity",
    "actor_key",
    "language_tag",
    "platform_authority",
    "platform_statement",
    "record",
    "record_all",
    "store_statements",
    "write_window",
]
