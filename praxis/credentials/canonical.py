"""JSON-LD canonicalization (RDFC-1.0) with the contexts shipped in this app, never the network.

A credential whose @context names a document that is not shipped here cannot be canonicalized:
`UnknownContext` is raised, and the verifier reports it instead of fetching anything.
"""

from __future__ import annotations

import inspect
import json
from functools import cache, wraps
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

    _keep_processed_contexts(jsonld.JsonLdProcessor)
    return jsonld


# Contexts processed in this process: (active context's id, scoped context's id, flags, base)
# → (the scoped context, the active context, the result). Bounded by the shipped contexts'
# scoped contexts; emptied if ever full.
_PROCESSED: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}
MAX_PROCESSED = 2_000
_PROCESS_PARAMETERS = (
    "self", "active_ctx", "local_ctx", "options",
    "override_protected", "propagate", "validate_scoped", "cycles",
)  # fmt: skip


@cache  # once per process
def _keep_processed_contexts(processor: Any) -> None:
    """Have pyld process each scoped context of the shipped contexts once per process.

    pyld keeps what a context makes of an active context under the active context's identifier,
    but a type-scoped context (Open Badges scopes one to nearly every type) is processed against
    a fresh copy of the active context, with a new identifier: every credential signed or checked
    defined the same sixty-odd terms again, most of a canonicalization's time. Only a scoped
    context held by one of the active context's terms is kept, and the active context is frozen
    (pyld never changes a processed context), so the result for the same pair is the same; it is
    kept under the pair's identities, holding both so that neither identity is reused. Another
    pyld whose method takes other parameters is left as it is."""
    from frozendict import frozendict  # pyld's own frozen mapping

    original = processor._process_context
    if tuple(inspect.signature(original).parameters) != _PROCESS_PARAMETERS:
        return  # a pyld this was not written for

    @wraps(original)  # pyld's own, as __wrapped__
    def process_context(
        self: Any,
        active_ctx: Any,
        local_ctx: Any,
        options: dict[str, Any],
        override_protected: bool = False,
        propagate: bool = True,
        validate_scoped: bool = True,
        cycles: Any = None,
    ) -> Any:
        def run() -> Any:
            return original(
                self, active_ctx, local_ctx, options,
                override_protected, propagate, validate_scoped, cycles,
            )  # fmt: skip

        if not (isinstance(active_ctx, frozendict) and "_uuid" in active_ctx):
            return run()
        key = (
            active_ctx["_uuid"], id(local_ctx), override_protected, propagate, validate_scoped,
            options.get("base"), options.get("processingMode"),
        )  # fmt: skip
        kept = _PROCESSED.get(key)
        # The same two objects as when kept: checked then to be one of the context's terms.
        if kept is not None and kept[0] is local_ctx and kept[1] is active_ctx:
            return kept[2]
        if not _scoped_in(active_ctx, local_ctx):
            return run()
        result = run()
        if isinstance(result, frozendict):
            if len(_PROCESSED) >= MAX_PROCESSED:
                _PROCESSED.clear()
            _PROCESSED[key] = (local_ctx, active_ctx, result)
        return result

    processor._process_context = process_context


def _scoped_in(active_ctx: Any, local_ctx: Any) -> bool:
    """Whether `local_ctx` is the scoped context of one of the active context's terms: a part of
    a processed context, never a document's own (which its caller may change)."""
    if not isinstance(local_ctx, dict):
        return False
    return any(
        isinstance(term, dict) and term.get("@context") is local_ctx
        for term in active_ctx.get("mappings", {}).values()
    )


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
