"""Every URL the portal serves, with the access rule it must obey.

A new URL without a rule here fails `test_route_inventory.py`: decide who may open it first.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

PUBLIC = "public"  # anyone, signed in or not
TOKEN = "token"  # anyone holding a valid secret link; a bad link is refused politely
LOGIN_ENTRY = "login entry"  # sends visitors on to the sign-in form
SIGNED_IN = "signed in"  # any verified account
STAFF = "staff"  # editors and administrators with Wagtail admin access
PROGRAMME_ADMIN = "programme admin"  # a programme's appointed admins and site staff
PUBLISHER = "publisher"  # approved publishing staff of a programme (hub.access), and editors
DEVELOPMENT_ONLY = "development only"  # 404 unless DEBUG and DEMO_PERSONAS (never production)

RULES_BY_NAME = {
    "healthz": PUBLIC,
    "robots_txt": PUBLIC,
    "did_document": PUBLIC,  # the credential issuer's public keys
    "credential_status_list": PUBLIC,  # the credentials' revocation lists
    "sitemap": PUBLIC,
    "choose_language": PUBLIC,
    "search": PUBLIC,
    "media": PUBLIC,  # public renditions; development and tests only
    # Each page applies its own view restrictions. The accessibility statement also takes
    # anyone's feedback by POST: one-time token, limits per client and e-mail address.
    "wagtail_serve": PUBLIC,
    "wagtaildocs_serve": PUBLIC,  # each document applies its collection's restrictions
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailcore_login": LOGIN_ENTRY,
    "wagtailadmin_login": LOGIN_ENTRY,
    "wagtailadmin_password_reset": PUBLIC,  # hands over to allauth's reset form
    "wagtailadmin_sprite": PUBLIC,  # the admin's icon sprite
    "wagtailadmin_javascript_catalog": PUBLIC,  # the admin's translation strings
    "accounts:programme_list": PUBLIC,
    "accounts:programme_detail": PUBLIC,
    "accounts:affiliations": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:my_data": SIGNED_IN,
    "accounts:my_data_export": SIGNED_IN,
    "accounts:account_delete": SIGNED_IN,  # and a fresh password (re-authentication)
    "accounts:profile_public": PUBLIC,  # 404 unless the person made it public
    "accounts:affiliation_withdraw": SIGNED_IN,  # POST only; only one's own affiliations
    "accounts:programme_requests": PROGRAMME_ADMIN,
    "accounts:persona_sign_in": DEVELOPMENT_ONLY,  # POST only; the demo's personas
    "academy:enrol": SIGNED_IN,  # POST only; the course's audience rules apply
    "academy:enrolment_cancel": SIGNED_IN,  # POST only; only one's own enrolments
    "academy:my_learning": SIGNED_IN,
    "academy:my_credentials_archive": SIGNED_IN,  # only ever one's own credentials
    "academy:learner_record": PUBLIC,  # 404 unless the person made it public
    "academy:learning_paths": PUBLIC,  # each visitor's own progress only
    "academy:learning_path": PUBLIC,  # live paths only
    "academy:session_calendar": SIGNED_IN,  # 404 unless the learner has a confirmed place
    "academy:certificate_lookup": PUBLIC,
    "academy:certificate_verify": TOKEN,  # public by design, rate-limited, noindex
    "academy:certificate_download": SIGNED_IN,  # 404 unless one's own certificate (or editor)
    "academy:certificate_linkedin": SIGNED_IN,  # same rule as the download
    # The Open Badges credential and baked badge: public by design like the verification
    # page that links them, under its limit, noindex.
    "academy:certificate_credential": TOKEN,
    "academy:certificate_badge": TOKEN,
    "hub:near_me": PUBLIC,  # anonymous answers for a typed place are cached; positions never
    "cooperation_day:events_geojson": PUBLIC,  # published events only, no contact data
    "cooperation_day:events_ics": PUBLIC,  # the same
    "cooperation_day:event_detail": PUBLIC,  # 404 unless published, or one's own / in one's scope
    "cooperation_day:event_calendar": PUBLIC,  # published events only
    "cooperation_day:sign_up": PUBLIC,  # POST only; rate-limited; sends a confirmation link
    "cooperation_day:sign_up_confirm": TOKEN,  # signed, expires; a bad link gets a polite page
    "cooperation_day:sign_up_cancel": TOKEN,  # the attendee's own unguessable token
    "cooperation_day:event_create": SIGNED_IN,
    "cooperation_day:my_events": SIGNED_IN,
    "cooperation_day:event_edit": SIGNED_IN,  # 404 unless one's own event
    "cooperation_day:event_submit": SIGNED_IN,  # POST only; one's own events
    "cooperation_day:event_attendees": SIGNED_IN,  # 404 unless one's own event
    "cooperation_day:event_report": SIGNED_IN,  # 404 unless one's own event
    "cooperation_day:participation": SIGNED_IN,  # registering needs approved programme staff
    "slam:apply": SIGNED_IN,  # the programme's MA/JS only; phases enforced
    "slam:my_applications": SIGNED_IN,
    "slam:application_edit": SIGNED_IN,  # 404 unless one's own application
    "slam:video": SIGNED_IN,  # 404 unless one's own application
    "slam:jury": SIGNED_IN,  # 403 unless a juror of the edition
    "slam:ranking": SIGNED_IN,  # 403 unless the jury's chair
    "slam:review": SIGNED_IN,  # 403 unless assigned to the juror
    "slam:gallery": PUBLIC,  # once the vote has opened
    "slam:vote": SIGNED_IN,  # POST only; verified e-mail, open vote, one per person
    "slam:results": PUBLIC,  # once the vote has closed
    "slam:hall_of_fame": PUBLIC,
    "hub_calls:call_list": PUBLIC,
    "hub_calls:call_detail": PUBLIC,  # every call is public, whatever its status
    "hub_calls:calendar": PUBLIC,  # public calls only, no personal data
    "hub_calls:feed_rss": PUBLIC,  # the same
    "hub_calls:feed_atom": PUBLIC,  # the same
    "hub_calls:call_create": SIGNED_IN,  # 403 unless publishing staff of a programme or editor
    "hub_calls:call_edit": SIGNED_IN,  # 403 unless publishing for the call's programme
    "hub_vacancies:vacancy_list": PUBLIC,  # open vacancies only
    "hub_vacancies:vacancy_detail": PUBLIC,  # closed ones too, saying so
    "hub_vacancies:feed_rss": PUBLIC,  # open vacancies only
    "hub_vacancies:feed_atom": PUBLIC,  # the same
    "hub_vacancies:vacancy_create": SIGNED_IN,  # 403 unless MA/JS/communication staff or editor
    "hub_vacancies:vacancy_edit": SIGNED_IN,  # 403 unless publishing for its programme, or editor
    "brand:asset": PUBLIC,  # the asset's access level applies; unpublished ones 404
    "brand:download": PUBLIC,  # access level, expiry and accepted terms apply; recorded
    "brand:preview": PUBLIC,  # the asset's access level applies
    "brand:zip": PUBLIC,  # POST only; every chosen file's access level and terms apply
    "brand:stored_file": PUBLIC,  # leads to the download or preview view, which check access
    "brand:terms": SIGNED_IN,
    "brand:download_terms": PUBLIC,  # public files only; one recorded acceptance, one download
    "brand:logo_generator": PUBLIC,  # visitors are told why it needs an account; the files do
    "brand:logo_file": SIGNED_IN,
    # Community: a space someone may not see is a 404 everywhere; members-only spaces are 403
    # for others; moderation pages need moderation rights in the space (community.access).
    "community:search": SIGNED_IN,  # only spaces the person may read
    "community:space": SIGNED_IN,
    "community:join": SIGNED_IN,  # POST only
    "community:leave": SIGNED_IN,  # POST only
    "community:invitation": SIGNED_IN,  # POST only; one's own invitation
    "community:space_subscription": SIGNED_IN,  # POST only; readable spaces
    "community:mentions": SIGNED_IN,  # members who may post in the space
    "community:thread_create": SIGNED_IN,  # members only
    "community:members": SIGNED_IN,  # moderators of the space
    "community:membership_decide": SIGNED_IN,  # POST only; moderators of the space
    "community:membership_remove": SIGNED_IN,  # POST only; moderators of the space
    "community:moderation": SIGNED_IN,  # moderators of the space
    "community:log": SIGNED_IN,  # moderators of the space
    "community:thread": SIGNED_IN,  # readers of the space
    "community:thread_unread": SIGNED_IN,
    "community:reply": SIGNED_IN,  # members; locked threads only for moderators
    "community:thread_subscription": SIGNED_IN,  # POST only
    "community:thread_toggle": SIGNED_IN,  # POST only; moderators
    "community:thread_move": SIGNED_IN,  # moderators of both spaces
    "community:thread_merge": SIGNED_IN,  # moderators
    "community:post_edit": SIGNED_IN,  # the author or a moderator
    "community:post_delete": SIGNED_IN,  # POST only; the author
    "community:post_like": SIGNED_IN,  # POST only; members
    "community:post_accept": SIGNED_IN,  # POST only; the asker or a moderator
    "community:post_history": SIGNED_IN,  # moderators
    "community:post_flag": SIGNED_IN,  # members
    "community:post_moderate": SIGNED_IN,  # POST only; moderators
    "community:attachment": SIGNED_IN,  # readers of the space; hidden posts' files: moderators
    "community:stored_file": SIGNED_IN,  # leads to the attachment view, which checks access
    "hub_news:feed_rss": PUBLIC,  # live public articles only, filtered as the listing is
    "hub_news:feed_atom": PUBLIC,  # the same
    "hub_news:article_create": PUBLISHER,
    "hub_news:article_edit": PUBLISHER,  # and only for every programme the article is about
    "hub:project_list": PUBLIC,  # keep.eu's public data; the partner search
    "hub:project_detail": PUBLIC,  # every imported project; an unknown keep.eu id is a 404
    "notifications:centre": SIGNED_IN,  # one's own, in spaces one may still see
    "notifications:open": SIGNED_IN,  # POST only; one's own
    "notifications:mark_all_read": SIGNED_IN,  # POST only
    "notifications:preferences": SIGNED_IN,
    "notifications:unsubscribe": TOKEN,  # signed for one person and one kind of e-mail
    "hub_alerts:alert_list": SIGNED_IN,  # one's own saved searches
    "hub_alerts:alert_create": SIGNED_IN,  # POST only; verified e-mail; signed out: sign in
    "hub_alerts:alert_delete": SIGNED_IN,  # POST only; 404 unless one's own saved search
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_signup": PUBLIC,
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_confirm_login_code": LOGIN_ENTRY,
    "account_confirm_email": TOKEN,
    "account_reset_password_from_key": TOKEN,
    "mfa_authenticate": LOGIN_ENTRY,  # the second step of a sign-in in progress
    "mfa_index": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "usersessions_list": SIGNED_IN,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_reauthenticate_webauthn": SIGNED_IN,
    "mfa_remove_webauthn": SIGNED_IN,
    "mfa_edit_webauthn": SIGNED_IN,
    "mfa_login_webauthn": LOGIN_ENTRY,  # signing in with a passkey (POST from the login form)
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reauthenticate": SIGNED_IN,
    # Re-authentication by an e-mailed code (django-allauth 65.22 and later).
    "account_request_reauthentication_code": SIGNED_IN,
    "account_confirm_reauthentication_code": SIGNED_IN,
}
RULES_BY_PREFIX = {"admin/": STAFF}

_SAMPLES = {
    "int": "1",
    "str": "1",
    "slug": "1",
    "path": "1",
    "uuid": str(uuid.UUID(int=1)),
}
_GROUP_CANDIDATES = ["1", "x", "1-x", "x/", "images/1", ""]


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str | None
    url: str
    callback: object

    @property
    def label(self) -> str:
        return self.name or self.pattern


def rule_for(route: Route) -> str | None:
    if route.name in RULES_BY_NAME:
        return RULES_BY_NAME[route.name]
    for prefix, rule in RULES_BY_PREFIX.items():
        if route.pattern.startswith(prefix):
            return rule
    return None


def _top_level_groups(regex: str) -> list[tuple[int, int]]:
    spans, depth, start, index = [], 0, 0, 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = index + 1
                while end < len(regex) and regex[end] in "*+?":
                    end += 1
                spans.append((start, end))
        index += 1
    return spans


def _regex_sample(regex: str) -> str:
    body = regex.removeprefix("^").removesuffix("$")
    pieces, cursor = [], 0
    for start, end in _top_level_groups(body):
        pieces.append(body[cursor:start])
        group = body[start:end]
        sample = next(c for c in _GROUP_CANDIDATES if re.fullmatch(group, c))
        pieces.append(re.escape(sample))
        cursor = end
    pieces.append(body[cursor:])
    literal = "".join(pieces)
    # What is left outside groups is literal text with escapes, or simple classes.
    literal = re.sub(r"\[\^/\]\*|\.\*|\.\+", "x", literal)
    return re.sub(r"\\(.)", r"\1", literal)


def _sample(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: _SAMPLES[m.group(1) or "str"], str(pattern._route)
        )
    if isinstance(pattern, RegexPattern):
        return _regex_sample(pattern._regex)
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix  # English, the addresses without prefix; the same
        # views answer under every other language's prefix.
    raise TypeError(f"Unknown URL pattern type: {pattern!r}")


def all_routes() -> list[Route]:
    def walk(patterns, route_prefix="", url_prefix="/", namespace=""):
        for entry in patterns:
            route = route_prefix + str(entry.pattern)
            url = url_prefix + _sample(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, route, url, inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else None
                yield Route(pattern=route, name=name, url=url, callback=entry.callback)

    reachable = []
    for route in walk(get_resolver().url_patterns):
        match = resolve(route.url)
        if match.func is route.callback:
            reachable.append(route)
        elif not any(match.func is other.callback for other in reachable):
            raise AssertionError(f"Cannot build a sample URL for {route.pattern}: got {route.url}")
        # Otherwise an earlier URL shadows this one (see portal/urls.py) and is checked instead.
    return reachable
