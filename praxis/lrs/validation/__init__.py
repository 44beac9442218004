"""Validation of statements and of the LRS's query parameters against the xAPI specification."""

from praxis.lrs.validation.actors import agent_key, validate_actor, validate_agent
from praxis.lrs.validation.errors import StatementInvalid
from praxis.lrs.validation.primitives import (
    parse_timestamp,
    read_json,
    require_iri,
    require_uuid,
)
from praxis.lrs.validation.statement import SIGNATURE_USAGE, VOIDED, Validator

__all__ = [
    "SIGNATURE_USAGE",
    "VOIDED",
    "StatementInvalid",
    "Validator",
    "agent_key",
    "parse_timestamp",
    "read_json",
    "require_iri",
    "require_uuid",
    "validate_actor",
    "validate_agent",
]
