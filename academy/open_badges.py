"""Open Badges 3.0 credentials for the portal's certificates, signed as VC-JWT.

Every certificate becomes an OpenBadgeCredential (W3C Verifiable Credentials 2.0 with the
1EdTech Open Badges 3.0 context): the achievement, the issuer's profile, the holder as a salted
hash of their e-mail address, the dates, and an entry in a Bitstring Status List for
revocation. The issuer is the portal's did:web identifier; /.well-known/did.json publishes the
public half of every signing key (academy.credential_keys), so anyone can verify a credential
with nothing but a JOSE library.

The status list is published as a signed VC-JWT too, rather than as plain JSON: a verifier
then knows the list came from the issuer and has not been altered in transit or on a mirror,
with the same key and the same code as the credentials themselves.
"""

import base64
import gzip
import hashlib
import io
import math
import secrets
import textwrap
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from joserfc import jws, jwt
from joserfc.errors import JoseError, SecurityWarning
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from portal.core.links import absolute_url, site_domain

from .credential_keys import SIGNING_ALGORITHM, credential_key_set

# RFC 9864 deprecates "EdDSA" in favour of the fully specified "Ed25519", but the Open Badges
# and Verifiable Credentials verifiers in use today recognise only "EdDSA".
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The VC 2.0 context lost its "@vocab" before it became a Recommendation (w3c/vc-data-model
# pull request 1525 moved it into this context), and neither it nor the Open Badges context
# defines the VC 1.1 dates a credential also carries (see credential_build) or the
# achievement's inLanguage. The VC Working Group requires this context, last, in a document
# using terms its other contexts leave undefined: JSON-LD then expands them to
# https://www.w3.org/ns/credentials/undefined-term#<term> instead of dropping them in silence
# (or, in safe mode, refusing the document).
UNDEFINED_TERMS_CONTEXT = "https://www.w3.org/ns/credentials/undefined-terms/v2"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]
JWT_TYPE = "vc+jwt"
JWT_MEDIA_TYPE = "application/vc+jwt"
PNG_CREDENTIAL_KEYWORD = "openbadgecredential"

# 131,072 entries: the Bitstring Status List's minimum, 16 KB before compression, so that a
# list holds enough entries for one of them to say nothing about its holder.
STATUS_LIST_SIZE = 131_072
STATUS_PURPOSE = "revocation"
# How long a fetched status list may be relied on; revocations reach verifiers within it.
STATUS_LIST_TTL = timedelta(minutes=10)
STATUS_LIST_CACHE_KEY = "open-badges:status-list:{number}"

# The Open Badges achievement type for each kind of certificate; a kind not listed (a learning
# path, say) is an "Achievement" until it names its own.
ACHIEVEMENT_TYPES = {
    "course": "Course",
    "cooperation_day_organiser": "Award",
    "slam_coaching": "CommunityService",
    "learning_path": "LearningProgram",
}


def did_web() -> str:
    """did:web for the portal's host; a port is percent-encoded as did:web requires."""
    return "did:web:" + quote(site_domain(), safe="")


def verification_method_id(kid: str) -> str:
    return f"{did_web()}#{kid}"


def did_document() -> dict:
    key_set = credential_key_set()
    did = did_web()
    methods = [
        {
            "id": verification_method_id(kid),
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": key.as_dict(private=False),
        }
        for kid, key in key_set.public_keys.items()
    ]
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_default_language(name: str, **kwargs) -> str:
    # Identifiers inside a credential must not depend on the language a page was read in.
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, **kwargs))


def status_list_url(number: int) -> str:
    return _in_default_language("credential_status_list", kwargs={"number": number})


def credential_url(code: str) -> str:
    return _in_default_language("academy:certificate_credential", kwargs={"code": code})


def badge_url(code: str) -> str:
    return _in_default_language("academy:certificate_badge", kwargs={"code": code})


def verify_url(code: str) -> str:
    return _in_default_language("academy:certificate_verify", kwargs={"code": code})


def identity_hash(email: str, salt: str) -> str:
    """Open Badges' IdentityHash: "sha256$" and the hex digest of the address and the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def achievement_for(certificate, *, description: str) -> dict:
    course = certificate.course
    path_url = ""
    if certificate.learning_path_id is not None:
        path_url = absolute_url(
            reverse("academy:learning_path", kwargs={"pk": certificate.learning_path_id})
        )
    if course is not None:
        achievement_id = course.full_url or verify_url(certificate.code)
    elif path_url:
        achievement_id = path_url  # the path's own page: the same for everyone who earned it
    else:
        # One achievement is shared by everyone who earned it, so its id names the kind and
        # title, never the holder.
        achievement_id = uuid.uuid5(
            uuid.NAMESPACE_URL, f"{did_web()}/achievements/{certificate.kind}/{certificate.title}"
        ).urn
    outcomes = list(certificate.learning_outcomes or [])
    criteria = {"narrative": "\n".join(f"- {outcome}" for outcome in outcomes) or description}
    if course is not None and course.full_url:
        criteria["id"] = course.full_url
    elif path_url:
        criteria["id"] = path_url
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES.get(certificate.kind, "Achievement"),
        "name": certificate.title,
        "description": description,
        "criteria": criteria,
        "image": {"id": badge_url(certificate.code), "type": "Image"},
    }
    if certificate.effort_hours is not None:
        # Open Badges has no "effort" property; creditsAvailable is its only hours figure.
        achievement["creditsAvailable"] = float(certificate.effort_hours)
    if course is not None:
        achievement["inLanguage"] = course.language
    return achievement


def credential_build(*, certificate, issuer_name: str, salt: str) -> dict:
    """The OpenBadgeCredential for `certificate` (which must have its status list entry)."""
    with translation.override(settings.LANGUAGE_CODE):
        kind_label = str(certificate.get_kind_display())
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT, UNDEFINED_TERMS_CONTEXT],
        "id": verify_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.title,
        "issuer": {
            "id": did_web(),
            "type": ["Profile"],
            "name": issuer_name,
            "url": absolute_url("/"),
        },
        "validFrom": _iso(certificate.issued_at),
        # Open Badges 3.0 first rested on VC 1.1: an edition of 1EdTech's schema published
        # under the id credentialSchema names requires issuanceDate, and so do verifiers built
        # on it, while VC 2.0 verifiers read validFrom and validUntil. Each date goes out under
        # both names, equal, so that a verifier for either edition accepts the credential.
        "issuanceDate": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(certificate.holder.email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "activityEndDate": f"{certificate.completed_on.isoformat()}T00:00:00Z",
            "achievement": achievement_for(
                certificate, description=f"{kind_label}: {certificate.title}"
            ),
        },
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_list_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(certificate.status_list_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if certificate.valid_until:
        credential["validUntil"] = credential["expirationDate"] = _iso(certificate.valid_until)
    return credential


def _sign(payload: dict) -> str:
    key_set = credential_key_set()
    header = {
        "alg": SIGNING_ALGORITHM,
        "kid": verification_method_id(key_set.current_kid),
        "typ": JWT_TYPE,
    }
    return jwt.encode(header, payload, key_set.current, algorithms=[SIGNING_ALGORITHM])


def _registered_claims(credential: dict) -> dict:
    """The JWT claims VC-JWT asks for, mirroring the credential's own properties."""
    issuer = credential["issuer"]
    claims = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "iat": int(timezone.now().timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    subject_id = credential["credentialSubject"].get("id")
    if subject_id:
        claims["sub"] = subject_id
    return claims


def credential_sign(credential: dict) -> str:
    return _sign({**credential, **_registered_claims(credential)})


class CredentialInvalid(Exception):
    pass


def token_verify(token: str) -> dict:
    """The payload of a VC-JWT signed by one of the portal's keys, current or retired."""
    try:
        header = jws.extract_compact(token.encode()).protected
    except (JoseError, ValueError) as error:
        raise CredentialInvalid("not a compact JWS") from error
    kid = str(header.get("kid", ""))
    did, _, key_id = kid.partition("#")
    key = credential_key_set().public_keys.get(key_id)
    if did != did_web() or key is None or header.get("alg") != SIGNING_ALGORITHM:
        raise CredentialInvalid("signed with a key that is not the portal's")
    try:
        return jwt.decode(token, key, algorithms=[SIGNING_ALGORITHM]).claims
    except (JoseError, ValueError) as error:
        raise CredentialInvalid("the signature does not match") from error


# Status lists ------------------------------------------------------------------------------


def encoded_list(revoked_indexes, *, size: int = STATUS_LIST_SIZE) -> str:
    """The bitstring, GZIP-compressed and base64url-encoded with multibase's "u" prefix.

    Index 0 is the left-most bit of the first byte, as the Bitstring Status List defines."""
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def encoded_list_bit(encoded: str, index: int) -> bool:
    data = encoded.removeprefix("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(*, number: int, revoked_indexes) -> dict:
    url = status_list_url(number)
    now = timezone.now()
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did_web(),
        "validFrom": _iso(now),
        "validUntil": _iso(now + STATUS_LIST_TTL * 6),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "ttl": int(STATUS_LIST_TTL.total_seconds() * 1000),
            "encodedList": encoded_list(revoked_indexes),
        },
    }


def status_entry_candidate(list_size: int = STATUS_LIST_SIZE) -> int:
    return secrets.randbelow(list_size)


def salt_new() -> str:
    return secrets.token_hex(16)


# Checking a credential, as the verification page does ----------------------------------


@dataclass(frozen=True)
class CredentialCheck:
    signature_valid: bool
    revoked: bool | None  # None: the status list could not be read
    valid_until: datetime | None

    @property
    def expired(self) -> bool:
        return self.valid_until is not None and self.valid_until <= timezone.now()


def credential_check(token: str, *, status_list_token) -> CredentialCheck:
    """Check `token` as an outside verifier would: the signature by its key id, the bit in the
    signed status list it names (`status_list_token(number)` returns that list's VC-JWT), and
    its expiry."""
    try:
        claims = token_verify(token)
    except CredentialInvalid:
        return CredentialCheck(signature_valid=False, revoked=None, valid_until=None)
    valid_until = None
    if "exp" in claims:
        valid_until = datetime.fromtimestamp(claims["exp"], tz=UTC)
    revoked = None
    status = claims.get("credentialStatus") or {}
    try:
        list_url = status["statusListCredential"]
        number = int(list_url.rstrip("/").rsplit("/", 1)[-1])
        list_claims = token_verify(status_list_token(number))
        if list_claims["id"] == list_url:
            revoked = encoded_list_bit(
                list_claims["credentialSubject"]["encodedList"], int(status["statusListIndex"])
            )
    except (CredentialInvalid, KeyError, ValueError, IndexError, OSError):
        revoked = None
    return CredentialCheck(signature_valid=True, revoked=revoked, valid_until=valid_until)


# Baked badges ------------------------------------------------------------------------------

BADGE_SIZE = 480


def _hex_colour(value: str, fallback: str) -> tuple[int, int, int]:
    value = value if value and len(value) == 7 else fallback
    return tuple(int(value[start : start + 2], 16) for start in (1, 3, 5))


def badge_png(*, title: str, token: str, primary_colour: str, accent_colour: str) -> bytes:
    """A round badge with the achievement's title, "baked" as Open Badges 3.0 describes: the
    credential's VC-JWT in an iTXt chunk with the keyword "openbadgecredential"."""
    primary = _hex_colour(primary_colour, "#003399")
    accent = _hex_colour(accent_colour, "#FFCC00")
    image = Image.new("RGBA", (BADGE_SIZE, BADGE_SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, BADGE_SIZE - 8, BADGE_SIZE - 8), fill=accent)
    draw.ellipse((30, 30, BADGE_SIZE - 30, BADGE_SIZE - 30), fill=primary)
    # Twelve stars in a ring, as on the European flag.
    centre, radius = BADGE_SIZE / 2, BADGE_SIZE / 2 - 70
    for step in range(12):
        angle = math.radians(step * 30)
        x, y = centre + radius * math.sin(angle), centre - radius * math.cos(angle)
        draw.regular_polygon((x, y, 11), 5, fill=accent)
    font = ImageFont.load_default(size=30)
    lines = textwrap.wrap(title, width=18)[:4]
    line_height = 36
    top = centre - line_height * len(lines) / 2
    for number, line in enumerate(lines):
        draw.text(
            (centre, top + number * line_height + line_height / 2),
            line,
            fill="white",
            font=font,
            anchor="mm",
        )
    info = PngInfo()
    info.add_itxt(PNG_CREDENTIAL_KEYWORD, token)
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, optimize=False)
    return output.getvalue()
