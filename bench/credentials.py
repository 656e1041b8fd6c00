"""Benchmark: what signing and verifying one Open Badges credential costs.

    python bench/credentials.py [--rounds 500]

Runs the portal's own code with a key made for the run (nothing is stored): building and
signing a credential as the portal issues it, verifying it as the verification page does (key
by id, signature, the status list bit), verifying it with jwcrypto as an outside verifier
would, and signing the 131,072-entry status list. Prints the median and 99th percentile in
milliseconds of CPU time (process time, so other load on the machine does not count).
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from jwcrypto.jwk import JWK  # noqa: E402
from jwcrypto.jwt import JWT  # noqa: E402

from academy import open_badges  # noqa: E402
from academy.credential_keys import key_generate, key_set_json  # noqa: E402
from academy.models import Certificate  # noqa: E402
from portal.accounts.models import User  # noqa: E402

LIMIT_MS = 10.0


def _timed(function, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        start = time.process_time_ns()
        function()
        timings.append((time.process_time_ns() - start) / 1e6)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    rounds = parser.parse_args().rounds

    key = key_generate()
    settings.CREDENTIAL_SIGNING_KEYS = key_set_json([key], private_kid=key.kid)
    certificate = Certificate(
        code="BENC-HMAR-K000-0000-0000",
        kind=Certificate.Kind.COURSE,
        holder=User(email="learner@example.org"),
        holder_name="Łucja Dvořák",
        title="Jems for project partners",
        completed_on=date(2026, 11, 30),
        effort_hours=Decimal("6.5"),
        learning_outcomes=["Submit a progress report", "Explain a budget change"],
        issued_at=timezone.now(),
        status_list=1,
        status_list_index=4711,
    )
    status_list = open_badges.credential_sign(
        open_badges.status_list_credential(number=1, revoked_indexes=range(0, 131_072, 97))
    )

    def sign():
        credential = open_badges.credential_build(
            certificate=certificate, issuer_name="Interreg Academy", salt="0" * 32
        )
        return open_badges.credential_sign(credential)

    token = sign()
    public = JWK(**open_badges.did_document()["verificationMethod"][0]["publicKeyJwk"])

    def verify_as_the_portal():
        check = open_badges.credential_check(token, status_list_token=lambda number: status_list)
        if not check.signature_valid or check.revoked is not False:
            raise RuntimeError(f"The benchmark's credential did not verify: {check}")

    def verify_with_jwcrypto():
        json.loads(JWT(jwt=token, key=public, algs=["EdDSA"], expected_type="JWS").claims)

    def sign_status_list():
        open_badges.credential_sign(
            open_badges.status_list_credential(number=1, revoked_indexes=range(0, 131_072, 97))
        )

    measured = {
        "sign a credential (build + VC-JWT)": _timed(sign, rounds),
        "verify (portal: key, signature, status bit)": _timed(verify_as_the_portal, rounds),
        "verify (jwcrypto, signature and claims)": _timed(verify_with_jwcrypto, rounds),
        "sign the status list (131,072 entries)": _timed(sign_status_list, max(rounds // 10, 10)),
    }
    print(f"{'':46} {'median ms':>10} {'p99 ms':>8}")
    over = []
    for name, timings in measured.items():
        median = statistics.median(timings)
        p99 = statistics.quantiles(timings, n=100)[98]
        print(f"{name:46} {median:10.3f} {p99:8.3f}")
        if name.startswith(("sign a", "verify")) and median >= LIMIT_MS:
            over.append(name)
    print(f"token: {len(token)} bytes; status list: {len(status_list)} bytes")
    if over:
        print(f"Over {LIMIT_MS} ms: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
