"""API schemas are compiled by pydantic when first used, not when their class is defined.

Defining a schema class (every `ninja.Schema` of the apps, and the one Ninja makes around each
operation's response) compiles its validator and serializer at once. For the whole API that is
about 7 MB, made at start-up in every process, though a process may never answer the API (a
`make run` worker showing pages) or only a few of its operations. With pydantic's
`defer_build`, a schema is compiled the first time it validates, serializes or describes itself
(the OpenAPI document), by the same code and to the same result.
"""

from ninja import Schema


def defer_schema_building() -> None:
    """Every `ninja.Schema` defined from now on is compiled on first use. Called before any app
    defines one: a schema defined earlier keeps being compiled at once."""
    Schema.model_config["defer_build"] = True
