"""Create or rotate the key file that signs Open Badges credentials.

    manage.py credential_keys --create   # a new key file, unless one exists (make run)
    manage.py credential_keys --rotate   # a new signing key; the old ones stay, public only
    manage.py credential_keys            # which keys the portal publishes

The file is CREDENTIAL_SIGNING_KEY_FILE. Rotating keeps every earlier key's public half, so
the credentials it signed stay verifiable; restart the workers after a rotation.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from academy.credential_keys import (
    CredentialKeysMissing,
    credential_key_set,
    key_generate,
    key_set_json,
    key_set_parse,
)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


class Command(BaseCommand):
    help = "Create or rotate the Open Badges signing keys (CREDENTIAL_SIGNING_KEY_FILE)."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--create", action="store_true", help="Create the file if missing.")
        action.add_argument("--rotate", action="store_true", help="Sign with a new key from now.")

    def handle(self, *args, create=False, rotate=False, **options):
        if create or rotate:
            if settings.CREDENTIAL_SIGNING_KEYS:
                raise CommandError(
                    "CREDENTIAL_SIGNING_KEYS is set: its keys are managed where it is set."
                )
            if not settings.CREDENTIAL_SIGNING_KEY_FILE:
                raise CommandError("Set CREDENTIAL_SIGNING_KEY_FILE to the key file's path.")
            path = Path(settings.CREDENTIAL_SIGNING_KEY_FILE)
            if create:
                self._create(path)
            else:
                self._rotate(path)
        try:
            key_set = credential_key_set()
        except CredentialKeysMissing as error:
            raise CommandError(str(error)) from error
        for kid in key_set.public_keys:
            marker = "signing" if kid == key_set.current_kid else "verifying only"
            self.stdout.write(f"{kid} ({marker})")

    def _create(self, path: Path) -> None:
        if path.exists():
            return
        key = key_generate()
        _write_private(path, key_set_json([key], private_kid=key.kid))
        self.stdout.write(f"Created {path}.")

    def _rotate(self, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist: create it with --create.")
        old = key_set_parse(path.read_text())
        key = key_generate()
        retired = list(old.public_keys.values())
        _write_private(path, key_set_json([key, *retired], private_kid=key.kid))
        self.stdout.write(f"Rotated {path}: new credentials are signed with {key.kid}.")
