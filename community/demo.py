"""Demo spaces as the Interreg community uses them, with a few conversations to read."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import Affiliation, Profile, Programme, User
from portal.home.demo import demo_person
from portal.notifications.models import Notification
from portal.notifications.services import unread_changed

from . import services
from .models import Membership, Post, Space, Thread
from .services import SCOPE

Function = Affiliation.Function

# slug, name, description, kind, eligibility, eligible functions, excluded functions, parent
SPACES = [
    (
        "programme-project-management",
        "Programme and project management",
        "Calls, assessment, monitoring, reporting and closure: compare how programmes manage "
        "projects, and share templates and checklists.",
        Space.Kind.OPEN,
        Space.Eligibility.SIGNED_IN,
        [],
        [],
        None,
    ),
    (
        "inter-programme-collaboration",
        "Inter-programme collaboration",
        "Programmes working on the same territory or theme coordinate calls, capitalisation and "
        "joint events. Join the group of your sea basin or region.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.PROGRAMME_STAFF,
        [],
        [],
        None,
    ),
    (
        "baltic-sea",
        "Baltic Sea",
        "Programmes around the Baltic Sea and the EU Strategy for the Baltic Sea Region.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.PROGRAMME_STAFF,
        [],
        [],
        "inter-programme-collaboration",
    ),
    (
        "mediterranean",
        "Mediterranean",
        "Programmes of the Mediterranean basin, from Euro-MED to the cross-border programmes.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.PROGRAMME_STAFF,
        [],
        [],
        "inter-programme-collaboration",
    ),
    (
        "western-balkans",
        "Western Balkans",
        "IPA programmes and their partners in the Western Balkans.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.PROGRAMME_STAFF,
        [],
        [],
        "inter-programme-collaboration",
    ),
    (
        "programme-finance",
        "Programme finance",
        "For finance staff of programmes: payments, accounts, exchange rates, simplified cost "
        "options. Controllers and auditors have their own networks.",
        Space.Kind.CLOSED,
        Space.Eligibility.FUNCTIONS,
        [Function.FINANCE_OFFICER],
        [Function.CONTROLLER, Function.AUDITOR],
        None,
    ),
    (
        "controllers-network",
        "Controllers network",
        "First-level controllers compare verification methods and sampling.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.FUNCTIONS,
        [Function.CONTROLLER],
        [],
        None,
    ),
    (
        "auditors-network",
        "Auditors network",
        "Audit authorities and groups of auditors share their approaches.",
        Space.Kind.ON_REQUEST,
        Space.Eligibility.FUNCTIONS,
        [Function.AUDITOR],
        [],
        None,
    ),
    (
        "communication-visibility",
        "Communication and visibility",
        "Communication officers share campaigns, the brand and visibility rules for projects.",
        Space.Kind.OPEN,
        Space.Eligibility.SIGNED_IN,
        [],
        [],
        None,
    ),
    (
        "strand-a-communication",
        "Cross-border (strand A) communication",
        "Communicators of cross-border programmes.",
        Space.Kind.OPEN,
        Space.Eligibility.SIGNED_IN,
        [],
        [],
        "communication-visibility",
    ),
    (
        "strand-b-communication",
        "Transnational (strand B) communication",
        "Communicators of transnational programmes.",
        Space.Kind.OPEN,
        Space.Eligibility.SIGNED_IN,
        [],
        [],
        "communication-visibility",
    ),
    (
        "jems-users",
        "Jems users",
        "Programmes using Jems, the joint electronic monitoring system: configuration, releases "
        "and good practices.",
        Space.Kind.OPEN,
        Space.Eligibility.PROGRAMME_STAFF,
        [],
        [],
        None,
    ),
]

PEOPLE = [
    ("marta.kowalska@community.example.org", "Marta", "Kowalska", Function.JOINT_SECRETARIAT),
    ("jonas.lindqvist@community.example.org", "Jonas", "Lindqvist", Function.COMMUNICATION_OFFICER),
    ("elena.rossi@community.example.org", "Elena", "Rossi", Function.FINANCE_OFFICER),
    ("pieter.devries@community.example.org", "Pieter", "de Vries", Function.CONTROLLER),
]

# A member who reads and writes the portal in Italian: her reply carries `lang="it"`.
ITALIAN_MEMBER = ("giulia.bianchi@community.example.org", "Giulia", "Bianchi")
ITALIAN_REPLY = (
    "Anche noi campioniamo: il 15 % dei rapporti per periodo, scelti in base al rischio, e "
    "controlliamo sempre in dettaglio il primo rapporto di ogni nuovo partner."
)

CONVERSATIONS = [
    (
        "programme-project-management",
        "How do you sample project reports for checks?",
        Thread.Kind.QUESTION,
        ["reporting", "sampling"],
        "We are revising our monitoring checklist. Do you check **every** progress report in "
        "depth, or do you sample? If you sample, how do you choose?",
        [
            "We sample 20 % of the reports each period, weighted by risk: new partners and large "
            "budgets first.",
            "Same here, and we keep the sampling method in the programme manual so auditors can "
            "follow it.",
        ],
    ),
    (
        "communication-visibility",
        "Sharing our Cooperation Day materials",
        Thread.Kind.DISCUSSION,
        ["cooperation-day", "brand"],
        "Our posters and social media cards for Cooperation Day are ready. They follow the brand "
        "book; happy to share the source files.",
        ["Thank you! Could you share the social media cards in the square format?"],
    ),
    (
        "programme-finance",
        "Exchange rates for partners outside the euro area",
        Thread.Kind.QUESTION,
        ["exchange-rates"],
        "Which monthly rate do you apply when partners report in national currency?",
        ["We use the Commission's monthly accounting rate of the month the report is submitted."],
    ),
]


def _people() -> list:
    programme = Programme.objects.order_by("acronym").first()
    people = []
    for email, first, last, function in PEOPLE:
        person = demo_person(email, first, last)
        Profile.objects.get_or_create(user=person)
        EmailAddress.objects.get_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        if programme is not None:
            Affiliation.objects.get_or_create(
                user=person,
                programme=programme,
                function=function,
                defaults={"status": Affiliation.Status.APPROVED},
            )
        people.append(person)
    return people


@transaction.atomic
def seed_community() -> int:
    """Create the spaces that are missing (with a few threads in new ones); the number added."""
    added = 0
    for position, (
        slug,
        name,
        description,
        kind,
        eligibility,
        functions,
        excluded,
        parent,
    ) in enumerate(SPACES):
        _space, created = Space.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "kind": kind,
                "eligibility": eligibility,
                "eligible_functions": [str(function) for function in functions],
                "excluded_functions": [str(function) for function in excluded],
                "parent": Space.objects.filter(slug=parent).first() if parent else None,
                "position": position,
            },
        )
        added += created
    if not added:
        return 0
    people = _people()
    moderator, communicator, finance, _controller = people
    for space in Space.objects.all():
        member = finance if space.slug == "programme-finance" else moderator
        Membership.objects.get_or_create(
            space=space,
            user=member,
            defaults={"status": Membership.Status.ACTIVE, "is_moderator": True},
        )
        if space.kind == Space.Kind.OPEN:
            Membership.objects.get_or_create(
                space=space, user=communicator, defaults={"status": Membership.Status.ACTIVE}
            )
    for slug, title, kind, tags, question, replies in CONVERSATIONS:
        space = Space.objects.get(slug=slug)
        if space.threads.exists():
            continue
        author = finance if slug == "programme-finance" else communicator
        thread = services.thread_create(
            user=author, space=space, title=title, kind=kind, source=question, tags=tags
        )
        for number, reply in enumerate(replies):
            replier = (
                finance if slug == "programme-finance" else (moderator, communicator)[number % 2]
            )
            if replier == author and slug != "programme-finance":
                replier = moderator
            services.post_create(user=replier, thread=thread, source=reply)
    _italian_reply()
    return added


def _italian_reply() -> None:
    email, first, last = ITALIAN_MEMBER
    member = demo_person(email, first, last)
    Profile.objects.update_or_create(user=member, defaults={"interface_language": "it"})
    EmailAddress.objects.get_or_create(
        user=member, email=email, defaults={"verified": True, "primary": True}
    )
    space = Space.objects.get(slug="programme-project-management")
    Membership.objects.get_or_create(
        space=space, user=member, defaults={"status": Membership.Status.ACTIVE}
    )
    thread = space.threads.order_by("pk").first()
    if thread is not None:
        services.post_create(user=member, thread=thread, source=ITALIAN_REPLY)


BULK_DOMAIN = "community-bench.example.org"
NOTIFICATIONS_PER_PERSON = 12


def seed_bulk_community(count: int) -> int:
    """Ensure `count` bench members exist (benchmarks), with affiliations, memberships, a
    thread each in the open spaces, and a week of notifications waiting for their weekly
    digest, some about spaces they may not read. Returns the number of people added."""
    existing = User.objects.filter(email__endswith=f"@{BULK_DOMAIN}").count()
    missing = count - existing
    programme = Programme.objects.order_by("acronym").first()
    spaces = {space.slug: space for space in Space.objects.all()}
    if missing <= 0 or programme is None or "programme-finance" not in spaces:
        return 0
    now = timezone.now()
    with transaction.atomic():
        people = User.objects.bulk_create(
            User(
                email=f"member{existing + number + 1}@{BULK_DOMAIN}",
                first_name="Bench",
                last_name=f"Member {existing + number + 1}",
                password=make_password(None),
            )
            for number in range(missing)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=person, email=person.email, verified=True, primary=True)
            for person in people
        )
        Profile.objects.bulk_create(
            Profile(user=person, email_frequency=Profile.EmailFrequency.WEEKLY) for person in people
        )
        functions = [
            Function.FINANCE_OFFICER,
            Function.CONTROLLER,
            Function.JOINT_SECRETARIAT,
            Function.COMMUNICATION_OFFICER,
            Function.PROJECT_PARTNER,
        ]
        Affiliation.objects.bulk_create(
            Affiliation(
                user=person,
                programme=programme,
                function=functions[index % 5],
                status=Affiliation.Status.APPROVED,
            )
            for index, person in enumerate(people)
        )
        open_spaces = [spaces["programme-project-management"], spaces["communication-visibility"]]
        memberships = [
            Membership(space=space, user=person, status=Membership.Status.ACTIVE)
            for person in people
            for space in open_spaces
        ]
        memberships += [
            Membership(
                space=spaces["programme-finance"], user=person, status=Membership.Status.ACTIVE
            )
            for index, person in enumerate(people)
            if functions[index % 5] == Function.FINANCE_OFFICER
        ]
        Membership.objects.bulk_create(memberships)
        threads = Thread.objects.bulk_create(
            Thread(
                space=open_spaces[index % 2],
                title=f"Bench question {existing + index + 1}",
                kind=Thread.Kind.QUESTION,
                author=person,
                last_posted_at=now,
                last_number=3,
                reply_count=2,
            )
            for index, person in enumerate(people)
        )
        Post.objects.bulk_create(
            Post(
                thread=thread,
                space_id=thread.space_id,
                number=number,
                author=person,
                source=f"Bench post {number} about reporting and audits.",
                body=f"<p>Bench post {number} about reporting and audits.</p>",
                text=f"Bench post {number} about reporting and audits.",
            )
            for thread, person in zip(threads, people, strict=True)
            for number in (1, 2, 3)
        )
        # A week of activity: most about spaces each person reads, some about the finance
        # space and an on-request space they are not in, which their digest must leave out.
        scopes = [
            open_spaces[0].pk,
            open_spaces[1].pk,
            spaces["programme-finance"].pk,
            spaces["inter-programme-collaboration"].pk,
        ]
        Notification.objects.bulk_create(
            Notification(
                recipient=person,
                kind=Notification.Kind.WATCHED,
                verb=Notification.Verb.REPLIED,
                target=f"Bench question {number}",
                excerpt="Bench post about reporting and audits.",
                url=f"/community/threads/{threads[number % len(threads)].pk}/",
                scope_type=SCOPE,
                scope_id=scopes[number % len(scopes)],
                email_pending=True,
            )
            for person in people
            for number in range(NOTIFICATIONS_PER_PERSON)
        )
        week = timedelta(days=7)
        Notification.objects.filter(recipient__in=people).update(created_at=now - week / 2)
        unread_changed(users=people)
    return missing
