"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC DI EdDSA).

The signed bytes are SHA-256(canonical proof options) followed by SHA-256(canonical document);
the signature is Ed25519, written as a base58btc multibase `proofValue`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from praxis.credentials.canonical import canonicalize
from praxis.credentials.multibase import decode_multibase_base58btc, multibase_base58btc

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """The proof is missing, malformed or of a kind Praxis does not verify."""


def _hash_data(unsecured: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    options = {**proof_options, "@context": unsecured["@context"]}
    options.pop("proofValue", None)
    proof_hash = hashlib.sha256(canonicalize(options).encode()).digest()
    document_hash = hashlib.sha256(canonicalize(unsecured).encode()).digest()
    return proof_hash + document_hash


def add_proof(
    unsecured: dict[str, Any],
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
) -> dict[str, Any]:
    """A copy of `unsecured` with an assertion proof signed by `private_key`."""
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = private_key.sign(_hash_data(unsecured, proof))
    # A list of one: Open Badges 3.0's schema accepts the proof set form only.
    return {**unsecured, "proof": [{**proof, "proofValue": multibase_base58btc(signature)}]}


def split_proof(secured: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(document without proof, proof); `ProofError` unless there is exactly one proof we know.

    The proof may stand alone or as a set of one (what Praxis writes since Open Badges 3.0's
    schema asks for a set)."""
    proof = secured.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        raise ProofError("the credential carries no single Data Integrity proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("the proof is not an eddsa-rdfc-2022 Data Integrity proof")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("the proof is not made for assertion")
    for name in ("verificationMethod", "proofValue", "created"):
        if not isinstance(proof.get(name), str):
            raise ProofError(f"the proof has no {name}")
    unsecured = {key: value for key, value in secured.items() if key != "proof"}
    return unsecured, proof


def verify_proof(secured: dict[str, Any], public_key: Ed25519PublicKey) -> bool:
    """Whether the proof on `secured` is a valid signature by `public_key` over its content."""
    unsecured, proof = split_proof(secured)
    try:
        signature = decode_multibase_base58btc(proof["proofValue"])
    except ValueError:
        return False
    if len(signature) != 64:
        return False
    try:
        public_key.verify(signature, _hash_data(unsecured, proof))
    except InvalidSignature:
        return False
    return True
