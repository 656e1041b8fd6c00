"""Open Badges 3.0 credentials, checked the way an outside verifier checks them.

The verifier here is jwcrypto, not the portal's own code: it reads the public key from the
served /.well-known/did.json, by the key id in the credential's header, and decodes the
status list itself.
"""

import base64
import gzip
import io
import json
import re
import threading
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from jwcrypto.jwk import JWK
from jwcrypto.jws import InvalidJWSSignature
from jwcrypto.jwt import JWT, JWTExpired
from PIL import Image

from academy import open_badges, services
from academy.credential_keys import key_generate, key_set_json
from academy.models import Certificate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# 1EdTech's own AchievementCredential schema, unmodified (schemas/NOTICE.md says where from).
SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json").read_text()
)
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
UNDEFINED_TERMS_CONTEXT = "https://www.w3.org/ns/credentials/undefined-terms/v2"
OB_SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
RFC3339_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


def _is_rfc3339_date_time(instance) -> bool:
    if not isinstance(instance, str):
        return True  # the schema's "type" judges non-strings
    if not RFC3339_DATE_TIME.fullmatch(instance):
        return False
    datetime.fromisoformat(instance.upper())  # ValueError for 25:00 or 30 February
    return True


# Draft 2019-09's own checker, plus "date-time": jsonschema checks that format only when
# rfc3339-validator is installed, which it is not here, and would otherwise let any string by.
FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checkers = dict(jsonschema.Draft201909Validator.FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("date-time", raises=ValueError)(_is_rfc3339_date_time)
SCHEMA_VALIDATOR = jsonschema.Draft201909Validator(SCHEMA, format_checker=FORMAT_CHECKER)


def schema_errors(credential: dict) -> list:
    return list(SCHEMA_VALIDATOR.iter_errors(credential))


def assert_open_badge(credential: dict) -> None:
    """Valid by 1EdTech's published schema, and carrying what Open Badges 3.0.3 on VC 2.0 asks
    for that that edition of the schema does not check."""
    assert schema_errors(credential) == []
    assert credential["@context"][:2] == [VC_CONTEXT, OB_CONTEXT]
    assert credential["@context"][-1] == UNDEFINED_TERMS_CONTEXT
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(credential["type"])
    assert credential["credentialSchema"] == [
        {"id": OB_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    assert "validFrom" in credential
    assert FORMAT_CHECKER.conforms(credential["validFrom"], "date-time")
    # The VC 1.1 names the schema requires say exactly what the VC 2.0 names say.
    assert credential["issuanceDate"] == credential["validFrom"]
    assert credential.get("expirationDate") == credential.get("validUntil")
    assert "Achievement" in credential["credentialSubject"]["achievement"]["type"]


@pytest.fixture(autouse=True)
def _verifiers_are_not_rate_limited(settings):
    """These tests fetch credentials many times a minute from one address; the limit has a
    test of its own below."""
    settings.CERTIFICATE_CHECKS_PER_MINUTE = 10_000


def _b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _path(url: str) -> str:
    return urlsplit(url).path


def resolve_key(client, token: str) -> JWK:
    """did:web resolution: the DID in the header's kid names the host whose
    /.well-known/did.json lists the key (the test client is that host)."""
    header = json.loads(_b64decode(token.split(".")[0]))
    assert header["typ"] == "vc+jwt"
    did, _, _fragment = header["kid"].partition("#")
    assert did.startswith("did:web:")
    assert unquote(did.removeprefix("did:web:")) == urlsplit(open_badges.absolute_url("/")).netloc
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    document = response.json()
    assert document["id"] == did
    assert header["kid"] in document["assertionMethod"]
    method = next(m for m in document["verificationMethod"] if m["id"] == header["kid"])
    assert "d" not in method["publicKeyJwk"]
    return JWK(**method["publicKeyJwk"])


def verify_independently(client, token: str) -> dict:
    key = resolve_key(client, token)
    return json.loads(JWT(jwt=token, key=key, algs=["EdDSA"], expected_type="JWS").claims)


def status_bit(client, credential: dict) -> bool:
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    response = client.get(_path(status["statusListCredential"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    status_list = verify_independently(client, response.content.decode())
    assert "BitstringStatusListCredential" in status_list["type"]
    assert status_list["id"] == status["statusListCredential"]
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(_b64decode(encoded[1:]))
    assert len(bits) * 8 >= 131_072
    index = int(status["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def credential_token(client, certificate) -> str:
    response = client.get(reverse("academy:certificate_credential", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


@pytest.fixture
def holder(db):
    return UserFactory(first_name="Łucja", last_name="Dvořák", email="Lucja@Example.org")


def _issue(holder, **extra):
    return services.certificate_issue(
        kind=Certificate.Kind.SLAM_COACHING,
        source_key=f"slam-coaching:{holder.pk}:{extra.pop('key', 1)}",
        holder=holder,
        title="Interreg Slam coach 2026",
        completed_on=timezone.localdate(),
        effort_hours=extra.pop("effort_hours", None),
        learning_outcomes=["Coach a team to tell its project's story", "Give useful feedback"],
        **extra,
    )


@pytest.fixture
def certificate(holder):
    return _issue(holder)


@pytest.fixture
def course_certificate(self_paced, holder):
    course = self_paced["course"]
    return services.certificate_issue(
        kind=Certificate.Kind.COURSE,
        source_key=services.course_source_key(course_id=course.pk, user_id=holder.pk),
        holder=holder,
        title=course.title,
        completed_on=timezone.localdate(),
        effort_hours=course.effort_hours,
        learning_outcomes=course.learning_outcome_list,
        course=course,
    )


# Independent verification -------------------------------------------------------------------


def test_an_issued_credential_verifies_with_the_key_from_the_did_document(client, certificate):
    credential = verify_independently(client, credential_token(client, certificate))
    assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT, UNDEFINED_TERMS_CONTEXT]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["iss"] == credential["issuer"]["id"] == open_badges.did_web()
    assert credential["jti"] == credential["id"]
    assert credential["nbf"] <= timezone.now().timestamp()
    # Both names of the issue date are inside the signed payload, and say the same instant.
    assert credential["issuanceDate"] == credential["validFrom"]
    assert credential["nbf"] == int(datetime.fromisoformat(credential["issuanceDate"]).timestamp())
    assert not {"exp", "validUntil", "expirationDate"} & set(credential)
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["name"] == "Interreg Slam coach 2026"
    assert "- Give useful feedback" in achievement["criteria"]["narrative"]
    assert achievement["image"]["id"].endswith(f"/certificates/{certificate.code}/badge.png")
    # The holder is a salted hash of their address, never the address or the name.
    identity = subject["identifier"][0]
    assert identity["identityHash"] == open_badges.identity_hash(
        "lucja@example.org", identity["salt"]
    )
    token_text = json.dumps(credential)
    assert "Lucja@Example.org".lower() not in token_text.lower() and "Dvořák" not in token_text
    assert status_bit(client, credential) is False


def test_a_tampered_payload_is_refused(client, certificate):
    token = credential_token(client, certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(_b64decode(payload))
    claims["credentialSubject"]["achievement"]["name"] = "Master of everything"
    forged = ".".join([header, _b64encode(json.dumps(claims).encode()), signature])
    key = resolve_key(client, forged)
    with pytest.raises(InvalidJWSSignature):
        JWT(jwt=forged, key=key, algs=["EdDSA"], expected_type="JWS")
    verify_independently(client, token)  # the original still verifies


def test_a_revoked_credential_is_set_in_the_status_list(
    client, certificate, holder, django_capture_on_commit_callbacks
):
    token = credential_token(client, certificate)
    credential = verify_independently(client, token)
    assert status_bit(client, credential) is False
    # The published list is refreshed once the revocation is committed.
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="Issued in error", by=holder)
    # Still served and still validly signed: the list is what says it no longer holds.
    assert credential_token(client, certificate) == token
    assert status_bit(client, credential) is True
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Signature valid" in html and "Revoked" in html and "Not revoked" not in html


def test_revoking_one_credential_leaves_the_others_bits_clear(
    client, holder, django_capture_on_commit_callbacks
):
    kept, revoked = _issue(holder, key=1), _issue(holder, key=2)
    kept_credential = verify_independently(client, credential_token(client, kept))
    revoked_credential = verify_independently(client, credential_token(client, revoked))
    assert status_bit(client, revoked_credential) is False
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=revoked, reason="Duplicate", by=holder)
    assert status_bit(client, revoked_credential) is True
    assert status_bit(client, kept_credential) is False


def test_an_expired_credential_is_refused_as_expired(client, holder):
    expired = _issue(holder, valid_until=timezone.now() - timedelta(days=2))
    token = credential_token(client, expired)
    key = resolve_key(client, token)
    with pytest.raises(JWTExpired):
        JWT(jwt=token, key=key, algs=["EdDSA"], expected_type="JWS")
    claims = json.loads(_b64decode(token.split(".")[1]))
    assert claims["exp"] == int(expired.valid_until.timestamp())
    html = client.get(expired.get_absolute_url()).content.decode()
    assert "Expired" in html and "Signature valid" in html


def test_a_credential_that_expires_later_says_until_when(client, holder):
    later = _issue(holder, valid_until=timezone.now() + timedelta(days=365))
    claims = verify_independently(client, credential_token(client, later))
    assert claims["validUntil"].endswith("Z")
    assert claims["expirationDate"] == claims["validUntil"]
    assert claims["exp"] == int(datetime.fromisoformat(claims["expirationDate"]).timestamp())
    html = client.get(later.get_absolute_url()).content.decode()
    assert "Valid until" in html and "Expired" not in html


def test_credentials_signed_before_a_rotation_stay_verifiable(client, certificate, settings):
    old_token = credential_token(client, certificate)
    old_key = next(iter(open_badges.credential_key_set().public_keys.values()))
    new_key = key_generate()
    settings.CREDENTIAL_SIGNING_KEYS = key_set_json([new_key, old_key], private_kid=new_key.kid)
    verify_independently(client, old_token)
    fresh = _issue(certificate.holder, key=2)
    fresh_token = credential_token(client, fresh)
    assert json.loads(_b64decode(fresh_token.split(".")[0]))["kid"].endswith(f"#{new_key.kid}")
    verify_independently(client, fresh_token)
    assert "Signature valid" in client.get(certificate.get_absolute_url()).content.decode()


def test_a_key_the_portal_does_not_publish_is_not_trusted(client, certificate, settings):
    token = credential_token(client, certificate)
    stranger = key_generate()
    settings.CREDENTIAL_SIGNING_KEYS = key_set_json([stranger], private_kid=stranger.kid)
    kid = json.loads(_b64decode(token.split(".")[0]))["kid"]
    assert kid not in client.get("/.well-known/did.json").json()["assertionMethod"]
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Signature not valid" in html


# The credential's shape -----------------------------------------------------------------------


def test_the_credential_validates_against_the_open_badges_schema(client, course_certificate):
    credential = verify_independently(client, credential_token(client, course_certificate))
    assert_open_badge(credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Course"
    assert achievement["id"] == course_certificate.course.full_url
    assert achievement["creditsAvailable"] == float(course_certificate.effort_hours)


@pytest.mark.parametrize(
    ("kind", "achievement_type"),
    [
        (Certificate.Kind.COURSE, "Course"),
        (Certificate.Kind.COOPERATION_DAY_ORGANISER, "Award"),
        (Certificate.Kind.SLAM_COACHING, "CommunityService"),
    ],
)
@pytest.mark.parametrize("expires", [True, False], ids=["expiring", "lasting"])
def test_every_kind_of_credential_validates_and_names_the_specified_contexts(
    client, holder, self_paced, kind, achievement_type, expires
):
    """The learning path's credential is checked the same way in test_learning_paths."""
    course = self_paced["course"] if kind == Certificate.Kind.COURSE else None
    certificate = services.certificate_issue(
        kind=kind,
        source_key=f"schema:{kind}:{holder.pk}",
        holder=holder,
        title=f"A {kind} credential",
        completed_on=timezone.localdate(),
        effort_hours=course.effort_hours if course else None,
        learning_outcomes=["Something learnt"],
        course=course,
        valid_until=timezone.now() + timedelta(days=365) if expires else None,
    )
    credential = verify_independently(client, credential_token(client, certificate))
    assert_open_badge(credential)
    assert credential["credentialSubject"]["achievement"]["achievementType"] == achievement_type
    assert ("validUntil" in credential) is expires
    assert ("expirationDate" in credential) is expires


def test_the_format_checker_checks_date_times(client, certificate):
    credential = verify_independently(client, credential_token(client, certificate))
    assert set(jsonschema.Draft201909Validator.FORMAT_CHECKER.checkers) < set(
        FORMAT_CHECKER.checkers
    )
    for not_a_date_time in ("3 December 2026", "2026-12-03", "2026-02-30T10:00:00Z"):
        credential["issuanceDate"] = not_a_date_time
        errors = schema_errors(credential)
        assert [(e.validator, list(e.path)) for e in errors] == [("format", ["issuanceDate"])]


@pytest.mark.parametrize("required", SCHEMA["required"])
def test_the_schema_refuses_a_credential_without_a_property_it_requires(
    client, certificate, required
):
    credential = verify_independently(client, credential_token(client, certificate))
    assert schema_errors(credential) == []
    del credential[required]
    errors = schema_errors(credential)
    assert [(e.validator, e.message) for e in errors] == [
        ("required", f"'{required}' is a required property")
    ]


@pytest.mark.parametrize(
    ("path", "required"),
    [
        (["credentialSubject"], "achievement"),
        (["credentialSubject", "achievement"], "criteria"),
        (["credentialSubject", "achievement"], "description"),
        (["credentialSubject", "identifier", 0], "identityHash"),
        (["issuer"], "id"),
        (["credentialStatus"], "type"),
    ],
)
def test_the_schema_refuses_a_class_without_a_property_it_requires(
    client, certificate, path, required
):
    credential = verify_independently(client, credential_token(client, certificate))
    node = credential
    for step in path:
        node = node[step]
    del node[required]
    errors = schema_errors(credential)
    assert [(e.validator, list(e.path)) for e in errors] == [("required", path)]


def test_the_schema_refuses_what_a_closed_class_does_not_define(client, certificate):
    credential = verify_independently(client, credential_token(client, certificate))
    credential["credentialSubject"]["identifier"][0]["email"] = "someone@example.org"
    errors = schema_errors(credential)
    assert [e.validator for e in errors] == ["additionalProperties"]


def test_validfrom_is_checked_beside_the_schema_which_does_not_know_it(client, certificate):
    credential = verify_independently(client, credential_token(client, certificate))
    del credential["validFrom"]
    # That edition of the schema predates validFrom, so only the explicit check notices.
    assert schema_errors(credential) == []
    with pytest.raises(AssertionError):
        assert_open_badge(credential)


def test_the_did_document_lists_public_keys_only_and_is_cached(client):
    response = client.get("/.well-known/did.json")
    assert response["Content-Type"] == "application/did+json"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert reverse("did_document") == "/.well-known/did.json"
    document = response.json()
    method = document["verificationMethod"][0]
    assert method["type"] == "JsonWebKey2020"
    assert method["controller"] == document["id"]
    assert set(method["publicKeyJwk"]) == {"kty", "crv", "x", "kid"}


def test_only_status_lists_in_use_exist(client, certificate):
    assert client.get(reverse("credential_status_list", args=[1])).status_code == 200
    assert client.get(reverse("credential_status_list", args=[7])).status_code == 404


# Baked badge and downloads --------------------------------------------------------------------


def test_the_badge_image_carries_the_credential(client, certificate):
    token = credential_token(client, certificate)
    response = client.get(reverse("academy:certificate_badge", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.text["openbadgecredential"] == token


@pytest.mark.parametrize("who", ["holder", "someone else", "anonymous"])
def test_the_credential_and_badge_are_public_like_the_verification_page(client, certificate, who):
    if who == "holder":
        client.force_login(certificate.holder)
    elif who == "someone else":
        client.force_login(UserFactory())
    for name in ("academy:certificate_credential", "academy:certificate_badge"):
        response = client.get(reverse(name, args=[certificate.code]))
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Content-Disposition"].startswith("attachment;")
        assert client.get(reverse(name, args=["ABCD-EFGH-JKMN-PQRS-TVWX"])).status_code == 404
    # The PDF stays the holder's.
    pdf = client.get(reverse("academy:certificate_download", args=[certificate.code]))
    assert pdf.status_code == (200 if who == "holder" else 404 if who == "someone else" else 302)


def test_credential_downloads_share_the_verification_limit(client, certificate, settings):
    settings.CERTIFICATE_CHECKS_PER_MINUTE = 2
    url = reverse("academy:certificate_credential", args=[certificate.code])
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.251").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_verification_page_checks_and_links_the_credential(client, certificate):
    html = client.get(certificate.get_absolute_url()).content.decode()
    credential_url = reverse("academy:certificate_credential", args=[certificate.code])
    assert f'<link rel="alternate" type="application/vc+jwt" href="{credential_url}">' in html
    assert "Signature valid" in html and "Not revoked" in html
    assert "Valid until" not in html and "Expired" not in html
    assert f'href="{reverse("academy:certificate_badge", args=[certificate.code])}"' in html


def test_a_tampered_stored_credential_fails_on_the_verification_page(client, certificate):
    token = services.certificate_credential_token(certificate=certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(_b64decode(payload))
    claims["name"] = "Something else"
    forged = ".".join([header, _b64encode(json.dumps(claims).encode()), signature])
    Certificate.objects.filter(pk=certificate.pk).update(credential_jwt=forged)
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Signature not valid" in html and "Signature valid<" not in html


def test_the_dashboard_offers_the_credential(client, certificate):
    client.force_login(certificate.holder)
    html = client.get(reverse("academy:my_learning")).content.decode()
    assert reverse("academy:certificate_credential", args=[certificate.code]) in html
    assert reverse("academy:certificate_badge", args=[certificate.code]) in html


# Status list entries --------------------------------------------------------------------------


def test_each_certificate_gets_its_own_status_entry(holder):
    certificates = [_issue(holder, key=number) for number in range(5)]
    entries = {(c.status_list, c.status_list_index) for c in certificates}
    assert len(entries) == 5
    assert all(c.status_list == 1 and 0 <= c.status_list_index < 131_072 for c in certificates)


def test_a_full_list_spills_over_to_the_next(holder):
    certificates = [_issue(holder, key=number) for number in range(3)]
    Certificate.objects.update(status_list=None, status_list_index=None)
    for certificate in certificates:
        certificate.status_list = certificate.status_list_index = None
        services.certificate_status_entry_assign(certificate=certificate, list_size=1)
    assert sorted(c.status_list for c in certificates) == [1, 2, 3]
    assert {c.status_list_index for c in certificates} == {0}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_never_share_a_bit():
    """Eight certificates draw from eight bits at once: each ends up with its own."""
    holder = UserFactory()
    certificates = [_issue(holder, key=number) for number in range(8)]
    Certificate.objects.update(status_list=None, status_list_index=None)
    barrier = threading.Barrier(len(certificates))
    errors = []

    def assign(certificate):
        try:
            certificate.status_list = certificate.status_list_index = None
            barrier.wait()
            services.certificate_status_entry_assign(certificate=certificate, list_size=8)
        except Exception as error:  # noqa: BLE001  (reported below, in the test thread)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=assign, args=(c,)) for c in certificates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entries = list(Certificate.objects.values_list("status_list", "status_list_index"))
    assert len(set(entries)) == 8
    assert all(index is not None for _list, index in entries)


# Key management -------------------------------------------------------------------------------


def test_the_key_command_creates_then_rotates_a_private_file(tmp_path, settings, client, holder):
    key_file = tmp_path / "keys" / "credential-keys.json"
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(key_file)
    call_command("credential_keys", "--create", stdout=io.StringIO())
    assert key_file.stat().st_mode & 0o777 == 0o600
    created = key_file.read_text()
    call_command("credential_keys", "--create", stdout=io.StringIO())
    assert key_file.read_text() == created  # an existing file is kept
    old_token = credential_token(client, _issue(holder, key=1))
    call_command("credential_keys", "--rotate", stdout=io.StringIO())
    keys = json.loads(key_file.read_text())["keys"]
    assert len(keys) == 2 and "d" in keys[0] and "d" not in keys[1]
    verify_independently(client, old_token)
    new_token = credential_token(client, _issue(holder, key=2))
    assert json.loads(_b64decode(new_token.split(".")[0]))["kid"].endswith(keys[0]["kid"])
    verify_independently(client, new_token)


def test_without_keys_the_credential_addresses_say_unavailable_and_the_page_still_verifies(
    settings, client, certificate
):
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = ""
    for name, args in (
        ("academy:certificate_credential", [certificate.code]),
        ("academy:certificate_badge", [certificate.code]),
        ("did_document", []),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 503, name
        assert response["Retry-After"]
    page = client.get(reverse("academy:certificate_verify", args=[certificate.code]))
    assert page.status_code == 200
    assert certificate.holder_name in page.text
