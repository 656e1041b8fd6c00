"""Reads shaped for the Academy's pages. Query counts do not grow with the data."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from portal.accounts import roles
from portal.accounts.models import Profile
from portal.core.access import pages_visible_to
from portal.core.cache import content_version
from portal.core.capacity import PlaceStatus, waitlist_position
from portal.core.images import with_renditions
from portal.core.page_languages import DEFAULT_LANGUAGE, originals
from portal.core.paging import counted_page
from portal.core.selectors import normalise_search_query

from . import access
from .models import (
    Certificate,
    CoursePage,
    CourseSession,
    CourseTag,
    Enrolment,
    LearningPath,
    LearningPathStep,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    QuizPage,
    Trainer,
)

COURSES_PER_PAGE = 12
CERTIFICATES_PER_PAGE = 20
# One download-all archive holds this many credentials, newest first: each is signed and its
# badge drawn on request, and the archive is built in memory.
CERTIFICATES_PER_ARCHIVE = 100
CARD_IMAGE = "fill-480x270"


class EnrolState:
    """What the course page's enrol area offers the visitor."""

    SIGN_IN = "sign_in"
    NOT_ALLOWED = "not_allowed"
    ENROL = "enrol"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    CONTINUE = "continue"
    COMPLETED = "completed"


def course_topic_choices() -> list[tuple[str, str]]:
    tags = (
        CourseTag.objects.filter(content_object__live=True)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    return list(tags)


def _next_session_start():
    return Subquery(
        CourseSession.objects.filter(course=OuterRef("pk"), starts_at__gt=timezone.now())
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def course_catalogue(*, catalogue, user, filters: dict, page=1):
    """One page of the catalogue: published courses `user` may see, filtered and annotated."""
    courses = pages_visible_to(user, CoursePage.objects.child_of(catalogue))
    courses = courses.annotate(next_session_at=_next_session_start())
    if filters.get("topic"):
        courses = courses.filter(tags__slug=filters["topic"])
    for name in ("format", "level", "language"):
        if filters.get(name):
            courses = courses.filter(**{name: filters[name]})
    if filters.get("kind"):
        courses = courses.filter(kind=filters["kind"])
    if filters.get("upcoming"):
        courses = courses.filter(next_session_at__isnull=False)
    if filters.get("audience"):
        # Stored as a JSON list; the quoted value matches one whole item on every database.
        courses = courses.filter(audience_functions__icontains=f'"{filters["audience"]}"')
    query = normalise_search_query(filters.get("q") or "")
    if query:
        matching = [page.pk for page in CoursePage.objects.live().search(query)]
        courses = courses.filter(pk__in=matching)
    courses = with_renditions(courses, "image", CARD_IMAGE)
    courses = courses.order_by(F("next_session_at").asc(nulls_last=True), "title").distinct()
    listed = counted_page(courses, COURSES_PER_PAGE, page)
    listed.object_list = list(listed.object_list)
    _attach_translations(listed.object_list, model=CoursePage)
    return listed


def _translations_in_active_language(pages, *, model=Page) -> dict:
    """The live translations of `pages` (originals) in the visitor's language, by translation
    key: none in the default language, else one query."""
    language = translation.get_language()
    if language == DEFAULT_LANGUAGE or not pages:
        return {}
    found = model.objects.live().filter(
        translation_key__in=[page.translation_key for page in pages],
        locale__language_code=language,
    )
    return {version.translation_key: version for version in found}


def _attach_translations(pages, *, model=Page) -> None:
    """Give each of `pages` (originals) its `shown` version: its live translation in the
    visitor's language where there is one, else itself (marked with its language by
    `shown_language`)."""
    found = _translations_in_active_language(pages, model=model)
    for page in pages:
        page.shown = found.get(page.translation_key, page)


# Course structure --------------------------------------------------------------------------


@dataclass
class Step:
    page: Page  # the original: what progress and attempts are keyed by
    kind: str  # "lesson" or "quiz"
    required: bool
    minutes: int = 0
    done: bool = False
    best_score: int | None = None
    lessons_to_go: int = 0  # a quiz closed until this many lessons before it are done

    @property
    def lock_notice(self) -> str:
        return quiz_lock_notice(self.lessons_to_go) if self.lessons_to_go else ""

    @property
    def shown(self) -> Page:
        """The step as the visitor reads it: its translation in their language, if any."""
        return getattr(self.page, "shown", self.page)


@dataclass
class Module:
    page: ModulePage
    steps: list[Step] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.steps)) if self.steps else 0

    @property
    def shown(self) -> Page:
        return getattr(self.page, "shown", self.page)


def _localize_outline(modules: list[Module]) -> None:
    """Show the modules, lessons and quizzes in the visitor's language where they are
    translated (one query, none in the default language)."""
    # Modules as ModulePage, for their introductions: a second query, only in other languages.
    _attach_translations([module.page for module in modules], model=ModulePage)
    _attach_translations([step.page for module in modules for step in module.steps])


def course_modules(course: CoursePage) -> list[Module]:
    """Modules with their lessons and quizzes in the editor's order (three queries)."""
    modules = {
        module.path: Module(page=module)
        for module in ModulePage.objects.child_of(course).live().order_by("path")
    }
    steps = [
        (
            lesson.path,
            Step(page=lesson, kind="lesson", required=lesson.required, minutes=lesson.minutes),
        )
        for lesson in LessonPage.objects.descendant_of(course).live()
    ] + [
        (quiz.path, Step(page=quiz, kind="quiz", required=quiz.required))
        for quiz in QuizPage.objects.descendant_of(course).live()
    ]
    for path, step in sorted(steps, key=lambda item: item[0]):
        module = modules.get(path[: -Page.steplen])
        if module is not None:
            module.steps.append(step)
    return list(modules.values())


def _learner_marks(*, course, user) -> tuple[set[int], dict[int, int], set[int]]:
    """(lessons done, best score per quiz, quizzes passed) for one learner."""
    if not user.is_authenticated:
        return set(), {}, set()
    done = set(
        LessonProgress.objects.filter(user=user, course=course).values_list("lesson_id", flat=True)
    )
    best, passed = {}, set()
    for quiz_id, score, has_passed in QuizAttempt.objects.filter(
        user=user, course=course
    ).values_list("quiz_id", "score", "passed"):
        best[quiz_id] = max(best.get(quiz_id, 0), score)
        if has_passed:
            passed.add(quiz_id)
    return done, best, passed


def _apply_marks(modules: list[Module], done, best, passed) -> None:
    for module in modules:
        for step in module.steps:
            if step.kind == "lesson":
                step.done = step.page.pk in done
            else:
                step.done = step.page.pk in passed
                step.best_score = best.get(step.page.pk)


def quiz_lock_message(lessons_to_go: int) -> str:
    """Why a learner may not take a quiz yet; shown on the quiz page and on a refused POST."""
    return ngettext(
        "This quiz opens once you have done the lessons before it: %(count)s lesson to go.",
        "This quiz opens once you have done the lessons before it: %(count)s lessons to go.",
        lessons_to_go,
    ) % {"count": lessons_to_go}


def quiz_lock_notice(lessons_to_go: int) -> str:
    """The same, next to the quiz's link in course outlines."""
    return ngettext(
        "Opens after %(count)s more lesson",
        "Opens after %(count)s more lessons",
        lessons_to_go,
    ) % {"count": lessons_to_go}


def _apply_quiz_locks(course, modules: list[Module]) -> None:
    """Mark the quizzes still closed because required lessons before them are not done."""
    if not course.quizzes_require_lessons:
        return
    lessons_to_go = 0
    for module in modules:
        for step in module.steps:
            if step.kind == "lesson" and step.required and not step.done:
                lessons_to_go += 1
            elif step.kind == "quiz":
                step.lessons_to_go = lessons_to_go


def quiz_lessons_to_go(*, quiz, user) -> int:
    """How many required lessons before `quiz` the learner has still to do (0: it is open)."""
    course = quiz.course
    if course is None or not course.quizzes_require_lessons:
        return 0
    modules = course_modules(course)
    _apply_marks(modules, *_learner_marks(course=course, user=user))
    _apply_quiz_locks(course, modules)
    step = next(
        (step for module in modules for step in module.steps if step.page.pk == quiz.pk), None
    )
    return step.lessons_to_go if step else 0


@dataclass
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _progress(modules: list[Module]) -> Progress:
    steps = [step for module in modules for step in module.steps]
    return Progress(done=sum(step.done for step in steps), total=len(steps))


def completion_status(*, course, user, enrolment) -> dict:
    """Which of the course's completion rules the learner meets."""
    modules = course_modules(course)
    done, _best, passed = _learner_marks(course=course, user=user)
    steps = [step for module in modules for step in module.steps]
    lessons_ok = all(
        step.page.pk in done for step in steps if step.kind == "lesson" and step.required
    )
    quizzes_ok = all(
        step.page.pk in passed for step in steps if step.kind == "quiz" and step.required
    )
    attendance_ok = bool(enrolment and enrolment.attended)
    rules = {
        "lessons": (course.completion_requires_lessons, lessons_ok),
        "quizzes": (course.completion_requires_quizzes, quizzes_ok),
        "attendance": (course.completion_requires_attendance, attendance_ok),
    }
    return {
        "rules": rules,
        "complete": all(met for required, met in rules.values() if required),
    }


def _current_enrolment(*, course, user) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, course=course)
        .exclude(status=PlaceStatus.CANCELLED)
        # The page is asked for this on every signed-in request; the last lesson visited is
        # used by its id alone, and joining its page would read every column of the page.
        .select_related("session")
        .first()
    )


def _resume_url(modules: list[Module], enrolment: Enrolment | None) -> str:
    if enrolment and enrolment.last_visited_id:
        for module in modules:
            for step in module.steps:
                if step.page.pk == enrolment.last_visited_id:
                    return step.page.url
    for module in modules:
        for step in module.steps:
            if not step.done:
                return step.page.url
    first = next((module.steps[0] for module in modules if module.steps), None)
    return first.page.url if first else ""


@dataclass
class SessionOffer:
    session: CourseSession
    seats_left: int
    is_open: bool

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0


def upcoming_sessions(course_id: int) -> list[SessionOffer]:
    now = timezone.now()
    sessions = (
        CourseSession.objects.filter(course_id=course_id, starts_at__gt=now)
        .annotate(confirmed=Count("enrolments", filter=Q(enrolments__status=PlaceStatus.CONFIRMED)))
        .prefetch_related("trainers")
        .order_by("starts_at")
    )
    return [
        SessionOffer(
            session=session,
            seats_left=max(session.capacity - session.confirmed, 0),
            is_open=session.is_open(now),
        )
        for session in sessions
    ]


def course_detail(*, course: CoursePage) -> dict:
    """What the course page shows every visitor alike: the syllabus and the trainers. The
    person's own state is `course_personal_state`, shown by the page's personal pieces."""
    modules = course_modules(course)
    _localize_outline(modules)
    trainers = localized_trainers(
        [
            item.trainer
            for item in course.trainers.select_related("trainer", "trainer__photo").order_by(
                "sort_order"
            )
        ]
    )
    return {"modules": modules, "trainers": trainers}


def course_personal_state(*, course: CoursePage, user) -> dict:
    """The course page's parts that are the person's: their enrolment and what the enrol panel
    offers them; for a confirmed learner also the syllabus with their progress (`modules`,
    None for everyone else, who see the syllabus every visitor sees)."""
    enrolment = _current_enrolment(course=course, user=user)
    refusal = access.enrolment_refusal(user, course)
    modules = certificate = position = progress = None
    if enrolment and enrolment.is_confirmed:
        modules = course_modules(course)
        _localize_outline(modules)
        _apply_marks(modules, *_learner_marks(course=course, user=user))
        _apply_quiz_locks(course, modules)
        progress = _progress(modules)
    if not user.is_authenticated:
        state = EnrolState.SIGN_IN
    elif enrolment is None:
        state = EnrolState.NOT_ALLOWED if refusal else EnrolState.ENROL
    elif enrolment.status == PlaceStatus.WAITLISTED:
        state = EnrolState.WAITLISTED
        position = waitlist_position(
            holding=enrolment, holdings=Enrolment.objects.filter(session=enrolment.session_id)
        )
    elif enrolment.completed_at:
        state = EnrolState.COMPLETED
        certificate = Certificate.objects.filter(
            holder=user, course=course, revoked_at__isnull=True
        ).first()
    else:
        state = (
            EnrolState.CONTINUE
            if progress.done or enrolment.last_visited_id
            else EnrolState.ENROLLED
        )
    return {
        "modules": modules,
        "enrolment": enrolment,
        "enrol_state": state,
        "enrol_refusal": refusal,
        "waitlist_position": position,
        "progress": progress,
        "resume_url": _resume_url(modules, enrolment) if modules is not None else "",
        "certificate": certificate,
    }


def course_completed_by(*, course, user) -> bool:
    return Enrolment.objects.filter(user=user, course=course, completed_at__isnull=False).exists()


def course_outline_for_learner(*, course, user, current) -> dict:
    """The side navigation of a lesson or quiz: modules, ticks, progress, previous/next."""
    if course is None:
        return {}
    modules = course_modules(course)
    _localize_outline(modules)
    _apply_marks(modules, *_learner_marks(course=course, user=user))
    _apply_quiz_locks(course, modules)
    steps = [step for module in modules for step in module.steps]
    index = next((i for i, step in enumerate(steps) if step.page.pk == current.pk), None)
    return {
        "modules": modules,
        "progress": _progress(modules),
        "current_step": steps[index] if index is not None else None,
        "previous": steps[index - 1] if index else None,
        "next": steps[index + 1] if index is not None and index + 1 < len(steps) else None,
    }


# Quizzes -----------------------------------------------------------------------------------


REVIEW_LATER = {
    (QuizPage.ReviewDetail.MISTAKES, QuizPage.ReviewTiming.ONCE_PASSED): _(
        "Which of your answers were wrong is shown once you pass."
    ),
    (QuizPage.ReviewDetail.MISTAKES, QuizPage.ReviewTiming.AFTER_LAST_ATTEMPT): _(
        "Which of your answers were wrong is shown once you pass or after your last attempt."
    ),
    (QuizPage.ReviewDetail.ANSWERS, QuizPage.ReviewTiming.ONCE_PASSED): _(
        "Correct answers are shown once you pass."
    ),
    (QuizPage.ReviewDetail.ANSWERS, QuizPage.ReviewTiming.AFTER_LAST_ATTEMPT): _(
        "Correct answers are shown once you pass or after your last attempt."
    ),
}


@dataclass(frozen=True)
class ReviewDisclosure:
    """What the result of an attempt may show now, and what it will show later."""

    mistakes: bool  # which questions the learner got wrong
    answers: bool  # the correct options, the feedback on chosen options, the explanations
    later: str = ""  # in words, what more is shown and when; "" when nothing more will be


def quiz_review_disclosure(*, quiz: QuizPage, passed: bool, exhausted: bool) -> ReviewDisclosure:
    """Apply the quiz's review options to where the learner stands: passed at some attempt,
    or out of attempts. Before the chosen moment only the score is shown."""
    Detail, Timing = QuizPage.ReviewDetail, QuizPage.ReviewTiming
    detail, timing = quiz.review_detail, quiz.review_timing
    if detail == Detail.SCORE:
        return ReviewDisclosure(mistakes=False, answers=False)
    due = (
        timing == Timing.IMMEDIATELY
        or (timing == Timing.ONCE_PASSED and passed)
        or (timing == Timing.AFTER_LAST_ATTEMPT and (passed or exhausted))
    )
    if due:
        return ReviewDisclosure(mistakes=True, answers=detail == Detail.ANSWERS)
    if exhausted and not passed:
        return ReviewDisclosure(mistakes=False, answers=False)  # it will never be shown
    if timing == Timing.AFTER_LAST_ATTEMPT and not quiz.max_attempts:
        timing = Timing.ONCE_PASSED  # with unlimited attempts there is no last one
    return ReviewDisclosure(mistakes=False, answers=False, later=str(REVIEW_LATER[detail, timing]))


def quiz_attempt_review(
    *, quiz: QuizPage, attempt: QuizAttempt, disclosure, translated: QuizPage | None = None
) -> list[dict]:
    """The questions of `attempt`, each with only what `disclosure` allows: scored by the
    original's correct answers, worded as the learner read them (`translated`'s words where it
    keeps the quiz's structure)."""
    if not disclosure.mistakes:
        return []
    questions = []
    worded = quiz_questions_shown(quiz=quiz, translated=translated)
    for block, words in zip(quiz.questions, worded, strict=True):
        chosen = set(attempt.answers.get(block.id, []))
        right = [str(i) for i, c in enumerate(block.value["choices"]) if c["correct"]]
        choices = []
        texts = words.value["choices"]
        for index, (choice, text) in enumerate(zip(block.value["choices"], texts, strict=True)):
            picked = str(index) in chosen
            choices.append(
                {
                    "text": text["text"],
                    "picked": picked,
                    "correct": choice["correct"] if disclosure.answers else None,
                    "feedback": text["feedback"] if picked and disclosure.answers else "",
                }
            )
        questions.append(
            {
                "prompt": words.value["prompt"],
                "is_right": sorted(chosen, key=int) == right,
                "choices": choices,
                "explanation": words.value["explanation"] if disclosure.answers else "",
            }
        )
    return questions


def _same_structure(question, translated) -> bool:
    return (
        translated.id == question.id
        and translated.value["allows_several"] == question.value["allows_several"]
        and len(translated.value["choices"]) == len(question.value["choices"])
    )


def quiz_questions_shown(*, quiz: QuizPage, translated: QuizPage | None):
    """The questions the learner reads: the translation's where it has the original's structure
    (the same questions in the same order, the same number of choices each), since answers are
    scored against the original's positions; else the original's."""
    if translated is None or translated.pk == quiz.pk:
        return quiz.questions
    original, shown = list(quiz.questions), list(translated.questions)
    if len(original) != len(shown) or not all(map(_same_structure, original, shown)):
        return quiz.questions
    return shown


def quiz_state(
    *, quiz: QuizPage, user, shown: int | None, translated: QuizPage | None = None
) -> dict:
    """Attempts so far, and the review of the attempt the learner asks to see; the questions
    in `translated`'s words where it keeps the quiz's structure."""
    attempts = list(QuizAttempt.objects.filter(user=user, quiz=quiz).order_by("number"))
    best = max(attempts, key=lambda attempt: (attempt.score, -attempt.number), default=None)
    passed = any(attempt.passed for attempt in attempts)
    exhausted = bool(quiz.max_attempts) and len(attempts) >= quiz.max_attempts
    review = next((a for a in attempts if a.number == shown), None)
    disclosure = quiz_review_disclosure(quiz=quiz, passed=passed, exhausted=exhausted)
    feedback = (
        quiz_attempt_review(quiz=quiz, attempt=review, disclosure=disclosure, translated=translated)
        if review
        else []
    )
    questions = [
        {
            "id": block.id,
            "prompt": block.value["prompt"],
            "allows_several": block.value["allows_several"],
            "choices": [
                (str(index), choice["text"]) for index, choice in enumerate(block.value["choices"])
            ],
        }
        for block in quiz_questions_shown(quiz=quiz, translated=translated)
    ]
    return {
        "attempts": attempts,
        "best_attempt": best,
        "passed": passed,
        "attempts_left": None
        if not quiz.max_attempts
        else max(quiz.max_attempts - len(attempts), 0),
        "may_attempt": not exhausted,
        "review": review,
        "disclosure": disclosure,
        "feedback": feedback,
        "questions": questions,
    }


# My learning -------------------------------------------------------------------------------


@dataclass
class LearningItem:
    enrolment: Enrolment
    progress: Progress | None = None
    resume_url: str = ""


def my_learning(*, user, certificates_page=1) -> dict:
    """The learner's dashboard, in a fixed number of queries however many courses they take;
    certificates, which accumulate over the years, a page at a time."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("course", "session", "last_visited")
        .order_by("-created_at")
    )
    course_ids = [enrolment.course_id for enrolment in enrolments]
    step_counts = _step_counts(
        {enrolment.course.path: enrolment.course_id for enrolment in enrolments}
    )
    lessons_done = (
        LessonProgress.objects.filter(user=user, course_id__in=course_ids)
        .order_by()  # compound queries take no ORDER BY in their parts (SQLite)
        .values_list("course_id")
        .annotate(count=Count("pk"))
        .values_list("course_id", "count")
    )
    quizzes_passed = (
        QuizAttempt.objects.filter(user=user, course_id__in=course_ids, passed=True)
        .order_by()
        .values_list("course_id")
        .annotate(count=Count("quiz_id", distinct=True))
        .values_list("course_id", "count")
    )
    steps_done = Counter()
    for course_id, count in lessons_done.union(quizzes_passed, all=True):
        steps_done[course_id] += count
    now = timezone.now()
    in_progress, upcoming, completed, waitlisted = [], [], [], []
    for enrolment in enrolments:
        total = step_counts.get(enrolment.course_id, 0)
        done = min(steps_done[enrolment.course_id], total)
        item = LearningItem(
            enrolment=enrolment,
            progress=Progress(done=done, total=total),
            resume_url=enrolment.last_visited.url
            if enrolment.last_visited
            else enrolment.course.url,
        )
        if enrolment.status == PlaceStatus.WAITLISTED:
            waitlisted.append(item)
        elif enrolment.completed_at:
            completed.append(item)
        else:
            in_progress.append(item)
        if enrolment.session and enrolment.session.ends_at > now and enrolment.is_confirmed:
            upcoming.append(item)
    upcoming.sort(key=lambda item: item.enrolment.session.starts_at)
    certificates = Paginator(
        Certificate.objects.filter(holder=user)
        .select_related("replaced_by", "course__renewal_course")
        .order_by("-issued_at", "-pk"),
        CERTIFICATES_PER_PAGE,
    ).get_page(certificates_page)
    certificates.object_list = list(certificates.object_list)
    renew_from = now + timedelta(days=settings.CERTIFICATE_RENEWAL_REMINDER_DAYS)
    for certificate in certificates.object_list:
        due = (
            certificate.is_valid
            and not certificate.is_renewed
            and certificate.valid_until is not None
            and certificate.valid_until <= renew_from
        )
        page = certificate_renewal_page(certificate) if due else None
        certificate.renewal_url = page.url if page else ""
    return {
        "in_progress": in_progress,
        "waitlisted": waitlisted,
        "upcoming": upcoming,
        "completed": completed,
        "certificates": certificates,
        "recommended_paths": learning_paths_recommended(
            user=user,
            completed_course_ids={
                item.enrolment.course_id for item in completed if item.enrolment.is_confirmed
            },
        ),
    }


def my_learning_changes_at(context: dict, *, now):
    """The next moment after `now` at which `my_learning`'s page would show otherwise by the
    clock alone: a session starting or ending, a certificate coming due for renewal or
    expiring; None when nothing shown is due to change."""
    items = [*context["in_progress"], *context["waitlisted"], *context["completed"]]
    moments = []
    for item in items:
        if item.enrolment.session is not None:
            moments += [item.enrolment.session.starts_at, item.enrolment.session.ends_at]
    reminder = timedelta(days=settings.CERTIFICATE_RENEWAL_REMINDER_DAYS)
    for certificate in context["certificates"].object_list:
        if certificate.valid_until is not None:
            moments += [certificate.valid_until - reminder, certificate.valid_until]
    return min((moment for moment in moments if moment > now), default=None)


def certificate_renewal_page(certificate: Certificate) -> CoursePage | None:
    """Where the holder renews `certificate`: its course's renewal course while published
    (select_related "course__renewal_course"); None when there is none, and for certificates
    of anything else."""
    page = certificate.course.renewal_course if certificate.course else None
    return page if page is not None and page.live else None


def _step_counts(course_paths: dict[str, int]) -> dict[int, int]:
    """Live lessons and quizzes per course ({tree path: course id}): the same for every
    learner, so kept per course until the next publish; the courses not yet kept are counted
    in two queries."""
    version = content_version()
    keys = {f"v{version}:academy-steps:{pk}": pk for pk in course_paths.values()}
    counts = {keys[key]: count for key, count in cache.get_many(list(keys)).items()}
    missing = {path: pk for path, pk in course_paths.items() if pk not in counts}
    if missing:
        counted = _count_steps(missing)
        cache.set_many(
            {f"v{version}:academy-steps:{pk}": count for pk, count in counted.items()},
            settings.PAGE_CACHE_SECONDS,
        )
        counts.update(counted)
    return counts


def _count_steps(courses: dict[str, int]) -> dict[int, int]:
    counts: dict[int, int] = dict.fromkeys(courses.values(), 0)
    depth = Page.steplen
    for model in (LessonPage, QuizPage):
        paths = (
            model.objects.live()
            .filter(Q(*[Q(path__startswith=path) for path in courses], _connector=Q.OR))
            .values_list("path", flat=True)
        )
        for path in paths:
            course_path = path[: -2 * depth]
            if course_path in courses:
                counts[courses[course_path]] += 1
    return counts


# Admin screens -----------------------------------------------------------------------------


def session_learners(*, session):
    """Who holds or awaits a place in `session`, for its attendance list."""
    return (
        Enrolment.objects.filter(session=session)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "user__last_name", "user__email")
    )


def course_statistics():
    """Per course: enrolled, active, completed, completion rate, average best quiz score."""
    courses = originals(CoursePage.objects.order_by("title")).annotate(
        enrolled=Count(
            "enrolments",
            filter=Q(enrolments__status__in=[PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED]),
            distinct=True,
        ),
        completed=Count(
            "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
        ),
    )
    scores = dict(
        QuizAttempt.objects.values_list("course_id")
        .annotate(average=Avg("score"))
        .values_list("course_id", "average")
    )
    rows = []
    for course in courses:
        active = course.enrolled - course.completed
        rate = round(100 * course.completed / course.enrolled) if course.enrolled else None
        average = scores.get(course.pk)
        rows.append(
            {
                "course": course,
                "enrolled": course.enrolled,
                "active": active,
                "completed": course.completed,
                "completion_rate": rate,
                "average_score": round(average) if average is not None else None,
            }
        )
    return rows


def localized_trainers(trainers: list) -> list:
    """`trainers`, each replaced by its translation in the visitor's language where it has one
    (its bio and role in that language). One query, none in the default language."""
    language = translation.get_language()
    if language == DEFAULT_LANGUAGE or not trainers:
        return trainers
    found = {
        trainer.translation_key: trainer
        for trainer in Trainer.objects.filter(
            translation_key__in=[trainer.translation_key for trainer in trainers],
            locale__language_code=language,
        ).select_related("photo")
    }
    return [found.get(trainer.translation_key, trainer) for trainer in trainers]


def _certificates_in_force(*, holder_id: int):
    """A holder's certificates that still hold: not revoked, not expired; newest first."""
    return (
        Certificate.objects.filter(holder_id=holder_id, revoked_at__isnull=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now()))
        .order_by("-issued_at", "-pk")
    )


def learner_record(*, public_id: str, page=1) -> dict | None:
    """A person's public record of certificates, a page at a time; None unless they chose to
    show it. Found by the profile's public id, never by anything that names the person."""
    profile = (
        Profile.objects.filter(public_id=public_id, credentials_public=True)
        .select_related("user")
        .first()
    )
    if profile is None:
        return None
    certificates = Paginator(
        _certificates_in_force(holder_id=profile.user_id).only(
            "code", "title", "kind", "issued_at", "completed_on", "valid_until"
        ),
        CERTIFICATES_PER_PAGE,
    ).get_page(page)
    return {"profile": profile, "certificates": certificates}


def certificates_for_archive(*, user) -> tuple[list[Certificate], int]:
    """The holder's unrevoked certificates for their download-all archive, newest first, at
    most CERTIFICATES_PER_ARCHIVE of them; and how many there are in all."""
    certificates = Certificate.objects.filter(holder=user, revoked_at__isnull=True).order_by(
        "-issued_at", "-pk"
    )
    chosen = list(certificates[:CERTIFICATES_PER_ARCHIVE])
    total = len(chosen) if len(chosen) < CERTIFICATES_PER_ARCHIVE else certificates.count()
    return chosen, total


def learner_record_url(*, user) -> str | None:
    """The address of the person's public record of certificates, if they show it."""
    public_id = (
        Profile.objects.filter(user=user, credentials_public=True)
        .values_list("public_id", flat=True)
        .first()
    )
    if public_id is None:
        return None
    return reverse("academy:learner_record", kwargs={"public_id": public_id})


# Learning paths ----------------------------------------------------------------------------

PATHS_PER_PAGE = 20


def _untranslated_language(untranslated: bool) -> str:
    language = translation.get_language()
    return DEFAULT_LANGUAGE if untranslated and language != DEFAULT_LANGUAGE else ""


@dataclass
class PathStep:
    course: CoursePage  # the original: what enrolments are keyed by
    required: bool
    done: bool = False

    @property
    def shown(self) -> CoursePage:
        return getattr(self.course, "shown", self.course)

    @property
    def shown_language(self) -> str:
        return _untranslated_language(self.shown is self.course)


@dataclass
class PathProgress:
    path: LearningPath  # the original
    steps: list[PathStep]
    certificate: Certificate | None = None
    shown: LearningPath | None = None  # its translation in the visitor's language, if any

    @property
    def shown_language(self) -> str:
        """The language of the title shown when it is not the visitor's, for `lang`."""
        return _untranslated_language(self.shown is self.path)

    @property
    def required_total(self) -> int:
        return sum(step.required for step in self.steps)

    @property
    def required_done(self) -> int:
        return sum(step.required and step.done for step in self.steps)

    @property
    def optional_done(self) -> int:
        return sum(not step.required and step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return self.required_total > 0 and self.required_done == self.required_total

    @property
    def percent(self) -> int:
        total = self.required_total
        return round(100 * self.required_done / total) if total else 0

    @property
    def next_step(self) -> PathStep | None:
        """The first required course not done yet, else the first optional one."""
        pending = [step for step in self.steps if not step.done]
        return next((step for step in pending if step.required), pending[0] if pending else None)


def learning_path_progress(
    *, paths, user, completed_course_ids: set[int] | None = None
) -> dict[int, PathProgress]:
    """Each of `paths` (originals) with its steps and `user`'s state in them: the same number
    of queries however many paths and steps. A caller that has read the learner's completed
    courses already passes their ids."""
    paths = list(paths)
    steps = list(
        LearningPathStep.objects.filter(path__in=paths, course__live=True)
        .select_related("course")
        .order_by("path_id", "sort_order", "pk")
    )
    done, certificates = set(), {}
    if user.is_authenticated and steps:
        done = completed_course_ids
        if done is None:
            done = set(
                Enrolment.objects.filter(
                    user=user,
                    status=PlaceStatus.CONFIRMED,
                    completed_at__isnull=False,
                    course_id__in={step.course_id for step in steps},
                ).values_list("course_id", flat=True)
            )
        for certificate in Certificate.objects.filter(
            holder=user, learning_path__in=paths, revoked_at__isnull=True
        ):
            certificates[certificate.learning_path_id] = certificate
    _attach_translations([step.course for step in steps], model=CoursePage)
    translated = _path_translations(paths)
    progress = {
        path.pk: PathProgress(
            path=path,
            steps=[],
            certificate=certificates.get(path.pk),
            shown=translated.get(path.translation_key, path),
        )
        for path in paths
    }
    for step in steps:
        progress[step.path_id].steps.append(
            PathStep(course=step.course, required=step.required, done=step.course_id in done)
        )
    return progress


def _path_translations(paths) -> dict:
    language = translation.get_language()
    if language == DEFAULT_LANGUAGE or not paths:
        return {}
    found = LearningPath.objects.filter(
        translation_key__in=[path.translation_key for path in paths],
        locale__language_code=language,
    )
    return {version.translation_key: version for version in found}


def learning_paths_live():
    return LearningPath.objects.filter(live=True, locale__language_code=DEFAULT_LANGUAGE)


def learning_path_audiences(user) -> set[str]:
    """The path audiences recommended to `user`: their approved functions, and newcomers for
    anyone with an approved affiliation or none at all (a request still waiting for approval
    gets nothing yet)."""
    if not user.is_authenticated:
        return set()
    functions = roles.functions(user)
    if functions or not roles.has_affiliations(user):
        return functions | {LearningPath.Audience.NEWCOMERS}
    return set()


def learning_paths_recommended(
    *, user, completed_course_ids: set[int] | None = None
) -> list[PathProgress]:
    audiences = learning_path_audiences(user)
    if not audiences:
        return []
    paths = learning_paths_live().filter(audience__in=audiences).order_by("title", "pk")
    progress = learning_path_progress(
        paths=paths, user=user, completed_course_ids=completed_course_ids
    )
    return list(progress.values())


def learning_path_catalogue(*, user, page=1):
    """One page of the live paths, each with the visitor's progress."""
    listed = Paginator(learning_paths_live().order_by("title", "pk"), PATHS_PER_PAGE).get_page(page)
    listed.object_list = list(
        learning_path_progress(paths=list(listed.object_list), user=user).values()
    )
    return listed


def learning_path_detail(*, path: LearningPath, user) -> PathProgress:
    return learning_path_progress(paths=[path], user=user)[path.pk]
