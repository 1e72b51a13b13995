"""Signed kiosk bundles of the current published version: for `navi kiosk export-bundle` and the download page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from navi.payload import bundle, keys
from navi.records import audit
from navi.records.catalog_drafts import published_document


@dataclass(frozen=True)
class SignedBundle:
    """A bundle file's bytes, the catalog version inside and the signing key's fingerprint."""

    data: bytes
    version: str
    signer: str

    @property
    def filename(self) -> str:
        """A file name that says which version it carries."""
        return f"navi-kiosk-{self.version}.navi"


def current_bundle(session: Session, keys_dir: Path, actor: str) -> SignedBundle:
    """Sign the current published catalog and the counter's public key (audited); raises keys.KeysError."""
    version, document = published_document(session)
    public = keys.export_public(keys_dir)
    signer = bundle.signing_key(keys_dir)
    signed = SignedBundle(bundle.make(document, version, public, signer), version,
                          bundle.fingerprint(signer.public_key()))
    audit.record_now(session, actor, "catalog_bundle", field=version, detail={"signer": signed.signer})
    return signed
