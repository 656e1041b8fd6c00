"""Grow the demo data to the size the portal must stay fast at (issue 20: 100,000 Cooperation Day
events, 10,000 courses, 200,000 community posts, 20,000 keep.eu projects).

Everything is written with bulk inserts on top of `manage.py seed_demo`, so the demo's own pages,
people and addresses stay as they are and the benchmark compares the same addresses at both
sizes. Values come from the demo seeders (places, programmes, titles), so listings, filters,
maps and pagination do real work. Each function tops up to a total and may be run again.
"""

import random
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from academy.models import AcademyLandingPage, CoursePage, CourseSession
from bench.keep_import import write_export
from campaigns.cooperation_day.demo import (
    OVERSEAS,
    THEMES,
    _event_values,
    _organisers,
    _places_by_country,
    _places_in_areas,
)
from campaigns.cooperation_day.models import Event, EventTag
from community.demo import BULK_DOMAIN, seed_bulk_community
from community.models import Post, Space, Thread
from hub.models import Project
from portal.accounts.models import Programme, User
from portal.accounts.personas import PERSONAS

BATCH = 2000
# The demo's Cooperation Day ran last year too: a share of the events belongs to that edition.
PAST_EDITION_SHARE = 0.3
# Community members writing the extra threads (seed_demo's bulk members, with a thread each).
COMMUNITY_MEMBERS = 1000
POSTS_PER_THREAD = 20
# The demo's busiest thread grows past several pages, so the thread page paginates for real.
REPLIES_ON_DEMO_THREAD = 400
TOPICS = ["staff costs", "audits", "publicity", "partner changes", "exchange rates"]
POST_TEXT = (
    "We compared how our partners deal with {topic} and found that the simplified option saves "
    "about {days} days per reporting period; our checklist is in the programme manual."
)


def scale_events(total: int, *, seed: int = 2027) -> int:
    """Top the published events up to `total`, spread over the demo's editions, every
    programme and its countries, with two themes each. Returns how many were added."""
    missing = total - Event.objects.filter(status=Event.Status.PUBLISHED).count()
    if missing <= 0:
        return 0
    rng = random.Random(seed)  # demo data, the same every run
    editions = {event.edition for event in Event.objects.select_related("edition").distinct()}
    current, *past = sorted(editions, key=lambda edition: edition.year, reverse=True)
    programmes = list(Programme.objects.order_by("acronym"))
    for programme in programmes:
        programme.countries_codes = [country.code for country in programme.countries]
    places = _places_by_country()
    in_areas = _places_in_areas(programmes)
    # The persona organiser keeps the demo's events: her "my events" page shows what one
    # organiser has, not a share of a hundred thousand.
    personas = {persona.email for persona in PERSONAS}
    organisers = [person for person in _organisers() if person.email not in personas]
    themes = [Tag.objects.get_or_create(name=name)[0] for name in THEMES]
    now = timezone.now()
    added = 0
    while added < missing:
        batch = []
        for number in range(added, min(added + BATCH, missing)):
            programme = programmes[number % len(programmes)]
            edition = past[0] if past and rng.random() < PAST_EDITION_SHARE else current
            values = _event_values(
                rng,
                edition=edition,
                programme=programme,
                places=in_areas.get(programme.pk, places),
                overseas=OVERSEAS.get(programme.acronym),
            )
            event = Event(
                edition=edition,
                organiser=organisers[number % len(organisers)],
                status=Event.Status.PUBLISHED,
                submitted_at=now - timedelta(days=20),
                published_at=now - timedelta(days=10),
                **values,
            )
            if edition is not current:
                event.actual_participants = int(event.expected_participants * rng.uniform(0.6, 1.3))
                event.reported_at = now - timedelta(days=30)
            batch.append(event)
        with transaction.atomic():
            Event.objects.bulk_create(batch)
            EventTag.objects.bulk_create(
                EventTag(content_object=event, tag=tag)
                for event in batch
                for tag in rng.sample(themes, 2)
            )
        added += len(batch)
    return added


def scale_courses(total: int) -> int:
    """Top the catalogue up to `total` courses, written straight into the page tree in batches
    (treebeard paths computed here; add_child costs about 27 ms a page, 4.5 minutes for 10,000)
    and added to the search index. Live-online courses get an upcoming session each."""
    catalogue = AcademyLandingPage.objects.get(locale=Locale.get_default())
    missing = total - CoursePage.objects.child_of(catalogue).count()
    if missing <= 0:
        return 0
    formats = list(CoursePage.Format.values)
    levels = list(CoursePage.Level.values)
    # Card images as the demo's courses have them: every page of the catalogue then reads its
    # cards' renditions, at both sizes.
    images = list(
        CoursePage.objects.child_of(catalogue)
        .exclude(image=None)
        .order_by("pk")
        .values_list("image_id", flat=True)
    )
    content_type = ContentType.objects.get_for_model(CoursePage)
    backend = get_search_backend()
    last = catalogue.get_last_child()
    next_step = last._get_lastpos_in_path() + 1 if last else 1
    first_number = CoursePage.objects.child_of(catalogue).count() + 1
    now = timezone.now().replace(microsecond=0)
    added = 0
    while added < missing:
        courses = []
        for offset in range(added, min(added + BATCH, missing)):
            number = first_number + offset
            slug = f"practice-course-{number}"
            title = f"Practice course {number}: reporting and controls"
            courses.append(
                CoursePage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale_id=catalogue.locale_id,
                    translation_key=uuid.uuid4(),
                    path=Page._get_path(catalogue.path, catalogue.depth + 1, next_step + offset),
                    depth=catalogue.depth + 1,
                    numchild=0,
                    url_path=f"{catalogue.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    summary=f"Practice course number {number} for programme staff.",
                    format=formats[number % len(formats)],
                    level=levels[number % len(levels)],
                    effort_hours=Decimal(1 + number % 8),
                    learning_outcomes="Practise the basics of reporting and controls.",
                    audience_description="Programme staff.",
                    audience_functions=["joint_secretariat"],
                    image_id=images[number % len(images)] if images else None,
                )
            )
        with transaction.atomic():
            _insert_pages(courses)
            CourseSession.objects.bulk_create(
                CourseSession(
                    course=course,
                    delivery="online",
                    starts_at=now + timedelta(days=index % 300 + 1),
                    ends_at=now + timedelta(days=index % 300 + 1, hours=3),
                    online_link="https://meet.example.org/practice",
                )
                for index, course in enumerate(courses, start=added)
                if course.has_sessions
            )
        backend.add_bulk(CoursePage, courses)
        added += len(courses)
    # Counted by path: treebeard's get_children() trusts the stale numchild of a former leaf.
    children = Page.objects.filter(path__startswith=catalogue.path, depth=catalogue.depth + 1)
    Page.objects.filter(pk=catalogue.pk).update(numchild=children.count())
    return added


def _insert_pages(pages: list[Page]) -> None:
    """Insert pages of one specific type: their `wagtailcore_page` rows first (Django's
    bulk_create refuses multi-table models), then the rows of their own table."""
    model = type(pages[0])
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.id = page.page_ptr_id = base.pk
    model._base_manager._insert(
        pages, fields=model._meta.local_concrete_fields, using=model._base_manager.db
    )


def scale_posts(total: int, *, seed: int = 2027) -> int:
    """Top the community posts up to `total`: the demo's bench members, threads of
    POSTS_PER_THREAD posts by them in the spaces open to every signed-in person, and
    REPLIES_ON_DEMO_THREAD replies on the demo's busiest open thread. Everything is indexed for
    search, as a running task worker would."""
    seed_bulk_community(COMMUNITY_MEMBERS)
    missing = total - Post.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed)  # demo data, the same every run
    authors = list(User.objects.filter(email__endswith=f"@{BULK_DOMAIN}"))
    spaces = list(Space.objects.filter(eligibility=Space.Eligibility.SIGNED_IN).order_by("pk"))
    busiest = (
        Thread.objects.filter(space__in=spaces)
        .exclude(author__email__endswith=f"@{BULK_DOMAIN}")
        .order_by("-reply_count", "pk")
        .first()
    )
    now = timezone.now()
    added = _add_posts({busiest: min(REPLIES_ON_DEMO_THREAD, missing)}, authors, rng, now)
    while added < missing:
        wanted = min(BATCH, missing - added)
        with transaction.atomic():
            threads = Thread.objects.bulk_create(
                Thread(
                    space=rng.choice(spaces),
                    title=f"How do other programmes handle {rng.choice(TOPICS)}? ({added + n})",
                    kind=rng.choice(Thread.Kind.values),
                    author=rng.choice(authors),
                    last_posted_at=now - timedelta(minutes=rng.randint(60, 525_600)),
                )
                for n in range(-(-wanted // POSTS_PER_THREAD))
            )
        counts = dict.fromkeys(threads, POSTS_PER_THREAD)
        counts[threads[-1]] = wanted - POSTS_PER_THREAD * (len(threads) - 1)
        added += _add_posts(counts, authors, rng, now)
    return added


def _add_posts(counts: dict[Thread, int], authors, rng, now) -> int:
    """Add posts at the end of each thread (`counts`: how many), keep the threads' counters
    right and index the posts."""
    posts = []
    for thread, count in counts.items():
        first = thread.last_number + 1
        for number in range(first, first + count):
            text = POST_TEXT.format(topic=rng.choice(TOPICS), days=rng.randint(2, 9))
            posts.append(
                Post(
                    thread=thread,
                    space_id=thread.space_id,
                    number=number,
                    author=rng.choice(authors),
                    source=text,
                    body=f"<p>{text}</p>",
                    text=text,
                )
            )
        thread.last_number += count
        thread.reply_count = thread.last_number - 1
    with transaction.atomic():
        Post.objects.bulk_create(posts)
        Thread.objects.bulk_update(list(counts), ["last_number", "reply_count"])
    get_search_backend().add_bulk(Post, posts)
    return len(posts)


def scale_projects(total: int, *, work_dir: Path) -> int:
    """Top the keep.eu projects up to `total` through the importer itself, from an export
    written like keep.eu's (bench/keep_import.py: two to four partners a project)."""
    missing = total - Project.objects.count()
    if missing <= 0:
        return 0
    export = work_dir / "bench-scale-keep-export.csv"
    write_export(export, missing)
    call_command("import_keep_projects", str(export), verbosity=0)
    export.unlink()
    return missing
