"""E-mails that cannot be composed again later (a password-reset link, a sign-up
confirmation for someone without an account) wait in the task queue sealed: encrypted with
a key derived from the secret key, and readable only for `SEALED_MAX_AGE`."""

import base64
import json
from datetime import timedelta

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

SEALED_MAX_AGE = timedelta(days=3)
_SALT = "portal.notifications.sealing"


class Unreadable(Exception):
    """A sealed value that is forged, garbled, too old or sealed with a retired key."""


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac(_SALT, "key", secret, algorithm="sha256").digest()
                )
            )
            for secret in secrets
        ]
    )


def seal(value) -> str:
    return _keys().encrypt(json.dumps(value).encode()).decode("ascii")


def unseal(sealed: str):
    try:
        data = _keys().decrypt(sealed.encode("ascii"), ttl=int(SEALED_MAX_AGE.total_seconds()))
    except (InvalidToken, UnicodeEncodeError) as error:
        raise Unreadable from error
    return json.loads(data)
