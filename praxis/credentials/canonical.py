"""JSON-LD canonicalization (RDFC-1.0) with the contexts shipped in this app, never the network.

A credential whose @context names a document that is not shipped here cannot be canonicalized:
`UnknownContext` is raised, and the verifier reports it instead of fetching anything.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

# Context URL → file shipped in contexts/. These are published, immutable documents.
SHIPPED_CONTEXTS = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
}


class JsonLdFailure(ValueError):
    """pyld could not process the document (its own JsonLdError, which is no ValueError)."""


def _jsonld() -> Any:
    # Imported on the first signature made or checked, not at start-up: pyld, with the
    # requests and urllib3 it loads, is megabytes of every process, and few requests sign.
    from pyld import jsonld

    return jsonld


class UnknownContext(ValueError):
    """The document names a JSON-LD context that is not shipped with Praxis."""


@cache
def _shipped(url: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CONTEXTS_DIR / SHIPPED_CONTEXTS[url]).read_text())
    return document


def shipped_context(url: str) -> dict[str, Any]:
    """The shipped context document for `url`; `UnknownContext` for any other URL."""
    if url not in SHIPPED_CONTEXTS:
        raise UnknownContext(url)
    return _shipped(url)


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """A pyld document loader that serves only the shipped contexts."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": shipped_context(url),
        # The shipped contexts never change: pyld may keep them processed for the process's
        # life instead of loading, resolving and hashing them again on every operation.
        "tag": "static",
    }


def check_contexts(document: dict[str, Any]) -> None:
    """Raise `UnknownContext` unless every context the document names at its top is shipped.

    Contexts embedded as objects are refused too: a verifier cannot trust term definitions
    supplied by the document it is checking.
    """
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC_V2:
        raise UnknownContext(str(contexts)[:200])
    for context in contexts:
        if not isinstance(context, str) or context not in SHIPPED_CONTEXTS:
            raise UnknownContext(str(context)[:200])


def undefined_terms(document: dict[str, Any]) -> list[str]:
    """The keys and types of `document` that its contexts do not define, in the order met.

    JSON-LD expansion silently drops a key its contexts do not map to an IRI (and keeps a type
    they do not define only as a relative IRI, which canonicalization drops): whatever is
    written there is not covered by a signature over the canonical form. An empty list means
    every term expands.
    """
    found: list[str] = []

    def dropped(term: str | None) -> None:
        if term is not None and term not in found:
            found.append(term)

    jsonld = _jsonld()
    try:
        expanded = jsonld.expand(
            document, {"documentLoader": document_loader, "base": None}, on_property_dropped=dropped
        )
    except jsonld.JsonLdError as error:
        if _caused_by_unknown_context(error):
            raise UnknownContext(str(error)[:200]) from error
        raise JsonLdFailure(str(error)[:200]) from error
    for term in _relative_types(expanded):
        if term not in found:
            found.append(term)
    return found


def _relative_types(node: Any) -> list[str]:
    """@type values of the expanded document that did not become absolute IRIs."""
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(reversed(current))
        elif isinstance(current, dict):
            kinds = current.get("@type", [])
            for kind in kinds if isinstance(kinds, list) else [kinds]:
                if isinstance(kind, str) and ":" not in kind:
                    found.append(kind)
            stack.extend(value for key, value in current.items() if key != "@type")
    return found


def canonicalize(document: dict[str, Any]) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document (URDNA2015 in pyld's terms)."""
    jsonld = _jsonld()
    try:
        result: str = jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )
    except jsonld.JsonLdError as error:
        if _caused_by_unknown_context(error):
            raise UnknownContext(str(error)[:200]) from error
        raise JsonLdFailure(str(error)[:200]) from error
    return result


def _caused_by_unknown_context(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, UnknownContext):
            return True
        error = getattr(error, "cause", None) or error.__cause__
    return False
