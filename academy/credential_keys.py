"""The keys that sign the portal's Open Badges credentials.

A key set is a JWK Set (RFC 7517) of Ed25519 keys. The first key holding its private half signs
new credentials; every key in the set, current or retired, is published in the did:web document
so credentials signed before a rotation stay verifiable. The set comes from the environment
(CREDENTIAL_SIGNING_KEYS, the JSON itself) or from a file outside the repository
(CREDENTIAL_SIGNING_KEY_FILE); `manage.py credential_keys` creates and rotates such a file.
"""

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

KEY_CURVE = "Ed25519"
SIGNING_ALGORITHM = "EdDSA"


class CredentialKeysMissing(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class CredentialKeySet:
    current: OKPKey
    # Every key by its id (the RFC 7638 thumbprint), public halves only.
    public_keys: dict[str, OKPKey]

    @property
    def current_kid(self) -> str:
        return self.current.kid


def key_generate() -> OKPKey:
    key = OKPKey.generate_key(KEY_CURVE, private=True)
    return OKPKey.import_key(key.as_dict(private=True), parameters={"kid": key.thumbprint()})


def key_set_json(keys: list[OKPKey], *, private_kid: str) -> str:
    """The set as stored: the key `private_kid` with its private half, first; the rest public."""
    ordered = sorted(keys, key=lambda key: key.kid != private_kid)
    return json.dumps(
        {"keys": [key.as_dict(private=key.kid == private_kid) for key in ordered]}, indent=2
    )


def key_set_parse(text: str) -> CredentialKeySet:
    try:
        data = json.loads(text)
        entries = data["keys"]
        keys = [OKPKey.import_key(entry) for entry in entries]
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise CredentialKeysMissing(
            f"The credential signing keys are not a JWK Set: {error}"
        ) from error
    public_keys = {}
    current = None
    for key in keys:
        if key.curve_name != KEY_CURVE:
            raise CredentialKeysMissing("Credential signing keys must be Ed25519 (OKP) keys.")
        # The id is the key's thumbprint, whatever the file says: it cannot drift from the key.
        kid = key.thumbprint()
        public_keys[kid] = OKPKey.import_key(key.as_dict(private=False), parameters={"kid": kid})
        if current is None and key.is_private:
            current = OKPKey.import_key(key.as_dict(private=True), parameters={"kid": kid})
    if current is None:
        raise CredentialKeysMissing("The credential key set holds no private key to sign with.")
    return CredentialKeySet(current=current, public_keys=public_keys)


@lru_cache(maxsize=4)
def _key_set_from(keys_json: str, key_file: str, key_file_modified: float) -> CredentialKeySet:
    if keys_json:
        return key_set_parse(keys_json)
    return key_set_parse(Path(key_file).read_text())


def credential_key_set() -> CredentialKeySet:
    keys_json = (getattr(settings, "CREDENTIAL_SIGNING_KEYS", "") or "").strip()
    key_file = str(getattr(settings, "CREDENTIAL_SIGNING_KEY_FILE", "") or "")
    modified = 0.0
    if not keys_json:
        if not key_file:
            raise CredentialKeysMissing(
                "Set CREDENTIAL_SIGNING_KEYS or CREDENTIAL_SIGNING_KEY_FILE to sign credentials."
            )
        try:
            # A rotated file is picked up without a restart.
            modified = os.stat(key_file).st_mtime
        except OSError as error:
            raise CredentialKeysMissing(
                f"The credential key file {key_file} does not exist: "
                "create it with `manage.py credential_keys --create`."
            ) from error
    return _key_set_from(keys_json, key_file, modified)


@checks.register(checks.Tags.security, deploy=True)
def check_credential_keys(app_configs, **kwargs):
    """A deployment cannot issue credentials nobody can verify: the keys must load."""
    try:
        credential_key_set()
    except CredentialKeysMissing as error:
        return [
            checks.Error(
                str(error),
                hint="See the README, 'Open Badges credentials'.",
                id="academy.E001",
            )
        ]
    return []
