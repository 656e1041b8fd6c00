"""Demo Academy: twelve courses on what Interreg programme staff train for, with lessons,
quizzes, sessions in the past and future, trainers, and learners at every stage."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from portal.core.capacity import PlaceStatus
from portal.core.pages import publish_child
from portal.home.demo import demo_person, stored_demo_image

from .models import (
    AcademyLandingPage,
    Certificate,
    CertificateTemplate,
    CoursePage,
    CourseSession,
    CourseTrainer,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    QuizPage,
    Trainer,
)
from .services import certificate_code_new, course_source_key

F = CoursePage.Format
L = CoursePage.Level

TRAINERS = [
    (
        "Marta Kowalska",
        "Financial management trainer",
        "Fifteen years in a joint secretariat "
        "on the Polish-German border; trains first-level controllers and finance officers.",
    ),
    (
        "Jean-Luc Moreau",
        "Programme management expert",
        "Former head of a managing authority; "
        "now teaches programme set-up, monitoring committees and closure.",
    ),
    (
        "Sofia Andersson",
        "Communication and storytelling coach",
        "Journalist turned "
        "communication officer; coaches programmes on plain language and project stories.",
    ),
    (
        "Luca Bianchi",
        "State aid and legal adviser",
        "Lawyer specialised in EU state aid rules applied to cooperation projects.",
    ),
    (
        "Eleni Papadopoulou",
        "Evaluation specialist",
        "Designs impact evaluations for "
        "transnational programmes and trains evaluation steering groups.",
    ),
]

COLOURS = ["#003399", "#0b6b3a", "#8a1c4a", "#6b4a00", "#1d5c7a", "#4b2c85"]


def _lesson_body(title: str, points: list[str]) -> list:
    items = "".join(f"<li>{point}</li>" for point in points)
    return [
        (
            "rich_text",
            f"<p>This lesson covers <b>{title.lower()}</b>. Read it at your own pace; the "
            f"key points are summarised below.</p><ul>{items}</ul><p>Take a note of one "
            "question you would bring to your programme's next team meeting.</p>",
        ),
        (
            "quote",
            {
                "quote": "Cooperation works when everyone who applies the rules understands them.",
                "attribution": "Interreg Academy",
            },
        ),
    ]


def _question(prompt, choices, correct, explanation, several=False):
    return (
        "question",
        {
            "prompt": prompt,
            "allows_several": several,
            "choices": [
                {"text": text, "correct": index in correct, "feedback": ""}
                for index, text in enumerate(choices)
            ],
            "explanation": explanation,
        },
    )


QUIZZES = {
    "simplified-cost-options": [
        _question(
            "Which simplified cost option is calculated as a percentage of direct staff costs?",
            ["A flat rate", "A lump sum", "Real costs", "A unit cost per kilometre"],
            {0},
            "Flat rates apply a percentage to defined categories of cost, such as staff costs.",
        ),
        _question(
            "What must a programme keep to justify a lump sum?",
            ["Every invoice", "Proof that the agreed output was delivered", "Bank statements"],
            {1},
            "With lump sums, payment depends on the deliverable, not on the invoices behind it.",
        ),
        _question(
            "Which of these reduce the administrative burden for partners? (choose all)",
            ["Flat rate for office costs", "Unit costs", "Collecting every receipt"],
            {0, 1},
            "Both flat rates and unit costs replace the checking of individual receipts.",
            several=True,
        ),
    ],
    "state-aid-in-cooperation-projects": [
        _question(
            "Which of these is a condition for a measure to count as state aid?",
            [
                "It is granted by the state or through state resources",
                "It is below 1 000 euro",
                "It goes to a public body",
            ],
            {0},
            "State resources are one of the cumulative criteria of Article 107(1) TFEU.",
        ),
        _question(
            "De minimis aid is…",
            [
                "Always forbidden",
                "Aid small enough to be exempt from notification",
                "Aid only for universities",
            ],
            {1},
            "De minimis aid stays under a ceiling over three years and need not be notified.",
        ),
    ],
    "monitoring-with-jems": [
        _question(
            "What is Jems?",
            [
                "A joint electronic monitoring system for Interreg programmes",
                "A communication campaign",
                "An audit method",
            ],
            {0},
            "Jems is the monitoring system many Interreg programmes share.",
        ),
        _question(
            "Who submits a project progress report in Jems?",
            ["The lead partner", "The audit authority", "The European Commission"],
            {0},
            "The lead partner compiles partner reports into the project report.",
        ),
    ],
    "first-level-control-essentials": [
        _question(
            "What does a first-level controller verify?",
            [
                "That expenditure declared by a partner is eligible and real",
                "The programme's communication strategy",
                "The design of the logo",
            ],
            {0},
            "Controllers verify partners' expenditure before it is declared to the programme.",
        ),
        _question(
            "Which checks can a controller make? (choose all)",
            ["Administrative checks of reports", "On-the-spot checks", "Approving new projects"],
            {0, 1},
            "Approving projects is the monitoring committee's job, not the controller's.",
            several=True,
        ),
    ],
    "storytelling-for-interreg-projects": [
        _question(
            "What makes a project story engaging for the public?",
            [
                "A person and what changed for them",
                "A list of work packages",
                "The project's budget lines",
            ],
            {0},
            "People remember people: start from someone whose life the project changed.",
        ),
    ],
}

COURSES = [
    {
        "slug": "interreg-programme-management-basics",
        "title": "Interreg programme management: the basics",
        "summary": "How an Interreg programme works, from the cooperation programme to the "
        "monitoring committee, for people new to the job.",
        "format": F.SELF_PACED,
        "level": L.INTRODUCTORY,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "6",
        "duration": "About 3 weeks at 2 hours a week",
        "tags": ["programme management"],
        "functions": ["managing_authority", "joint_secretariat", "national_contact_point"],
        "outcomes": [
            "Explain the roles of the programme bodies",
            "Follow a project from call to closure",
            "Find the regulatory basis of a programme decision",
        ],
        "modules": [
            (
                "The programme and its bodies",
                ["The cooperation programme", "Who does what: MA, JS, NCP"],
            ),
            (
                "The project life cycle",
                ["Calls and selection", "Contracting", "Reporting and payments"],
            ),
        ],
    },
    {
        "slug": "simplified-cost-options",
        "title": "Simplified cost options in practice",
        "summary": "Flat rates, unit costs and lump sums: design them, apply them and explain "
        "them to partners.",
        "format": F.LIVE_ONLINE,
        "level": L.INTERMEDIATE,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "8",
        "duration": "4 online sessions of 2 hours",
        "tags": ["financial management", "simplified cost options"],
        "functions": ["finance_officer", "joint_secretariat", "controller"],
        "outcomes": [
            "Choose the right simplified cost option for a budget line",
            "Calculate a flat rate and a unit cost",
            "Explain lump sums to project partners",
        ],
        "modules": [
            ("Why simplify", ["The regulatory options", "Risks and benefits"]),
            ("Designing options", ["Flat rates", "Unit costs and lump sums"]),
        ],
        "sessions": [(-40, 3, "online", 25), (12, 3, "online", 3), (60, 3, "online", 25)],
    },
    {
        "slug": "financial-management-for-programmes",
        "title": "Financial management for programmes",
        "summary": "Budgets, payment claims, the accounts and the N+3 rule, explained for "
        "finance staff of cooperation programmes.",
        "format": F.BLENDED,
        "level": L.INTERMEDIATE,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "12",
        "duration": "Self-paced lessons and a 2-day workshop",
        "tags": ["financial management"],
        "functions": ["finance_officer", "managing_authority"],
        "outcomes": [
            "Prepare a payment application",
            "Follow the decommitment risk",
            "Draw up the annual accounts",
        ],
        "modules": [
            ("Money flows", ["From the Commission to the lead partner", "Payment applications"]),
            ("Accounts and risks", ["The accounting year", "Decommitment (N+3)"]),
        ],
        "sessions": [(30, 2, "in_person", 25)],
        "attendance": True,
    },
    {
        "slug": "state-aid-in-cooperation-projects",
        "title": "State aid in cooperation projects",
        "summary": "Recognise state aid in Interreg projects and apply de minimis and the "
        "block exemption correctly.",
        "format": F.SELF_PACED,
        "level": L.ADVANCED,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "5",
        "duration": "",
        "tags": ["state aid", "legal"],
        "functions": ["joint_secretariat", "managing_authority", "controller"],
        "outcomes": ["Apply the state aid test", "Use de minimis and GBER in project selection"],
        "modules": [
            ("The state aid test", ["The five criteria", "Typical cases in Interreg"]),
            ("Exemptions", ["De minimis", "The block exemption regulation"]),
        ],
    },
    {
        "slug": "monitoring-with-jems",
        "title": "Monitoring with Jems",
        "summary": "Set up calls, follow reports and check indicators in the joint "
        "electronic monitoring system.",
        "format": F.LIVE_ONLINE,
        "level": L.INTRODUCTORY,
        "kind": CoursePage.Kind.SHORT,
        "effort": "3",
        "duration": "One 3-hour online session",
        "tags": ["monitoring", "jems"],
        "functions": ["joint_secretariat", "national_contact_point"],
        "outcomes": ["Navigate Jems as programme staff", "Check a project report"],
        "modules": [("Getting around", ["The Jems dashboard", "Project reports"])],
        "sessions": [(-15, 1, "online", 40), (21, 1, "online", 40)],
    },
    {
        "slug": "evaluating-interreg-programmes",
        "title": "Evaluating Interreg programmes",
        "summary": "Plan impact and process evaluations, work with evaluators and use the "
        "findings.",
        "format": F.IN_PERSON,
        "level": L.ADVANCED,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "14",
        "duration": "2 days in Brussels",
        "tags": ["evaluation"],
        "functions": ["managing_authority", "joint_secretariat"],
        "outcomes": [
            "Write an evaluation plan",
            "Commission and steer an impact evaluation",
            "Turn findings into programme decisions",
        ],
        "modules": [("Planning evaluations", ["The evaluation plan", "Choosing methods"])],
        "sessions": [(-90, 2, "in_person", 25), (45, 2, "in_person", 25)],
        "attendance": True,
    },
    {
        "slug": "storytelling-for-interreg-projects",
        "title": "Storytelling for Interreg projects",
        "summary": "Find the people behind the results and tell their stories in words, "
        "pictures and short videos.",
        "format": F.SELF_PACED,
        "level": L.INTRODUCTORY,
        "kind": CoursePage.Kind.SHORT,
        "effort": "2",
        "duration": "",
        "tags": ["communication", "storytelling"],
        "functions": ["communication_officer", "project_partner"],
        "outcomes": ["Find a story in a project", "Write a 300-word project story"],
        "modules": [("Finding the story", ["People first", "From results to stories"])],
    },
    {
        "slug": "communication-and-visibility-rules",
        "title": "Communication and visibility rules",
        "summary": "What the regulation requires of programmes and projects, and how the "
        "harmonised Interreg brand helps meet it.",
        "format": F.LIVE_ONLINE,
        "level": L.INTRODUCTORY,
        "kind": CoursePage.Kind.SHORT,
        "effort": "2",
        "duration": "One 2-hour online session",
        "tags": ["communication", "brand"],
        "functions": ["communication_officer"],
        "outcomes": ["List the visibility obligations", "Use the Interreg logo correctly"],
        "modules": [("The obligations", ["Programme obligations", "Project obligations"])],
        "sessions": [(7, 1, "online", 60)],
    },
    {
        "slug": "programme-closure-2014-2020",
        "title": "Closing the 2014-2020 programmes",
        "summary": "The closure package step by step: final reports, the final accounts and "
        "the closure declaration.",
        "format": F.BLENDED,
        "level": L.ADVANCED,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "10",
        "duration": "Lessons online and a 1-day workshop",
        "tags": ["closure", "programme management"],
        "functions": ["managing_authority", "finance_officer", "auditor"],
        "outcomes": ["Plan closure tasks and deadlines", "Prepare the final implementation report"],
        "modules": [("The closure package", ["Deadlines", "The final implementation report"])],
        "sessions": [(20, 1, "in_person", 25)],
        "attendance": True,
    },
    {
        "slug": "audit-of-interreg-programmes",
        "title": "Audit of Interreg programmes",
        "summary": "System audits, audits of operations and the group of auditors, for "
        "audit authorities and the bodies they audit.",
        "format": F.IN_PERSON,
        "level": L.ADVANCED,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "7",
        "duration": "1 day in Vienna",
        "tags": ["audit"],
        "functions": ["auditor"],
        "audience": CoursePage.Audience.FUNCTIONS,
        "outcomes": ["Plan a sample for audits of operations", "Report audit findings"],
        "modules": [("Audit work", ["System audits", "Audits of operations"])],
        "sessions": [(35, 1, "in_person", 20)],
        "attendance": True,
    },
    {
        "slug": "first-level-control-essentials",
        "title": "First-level control essentials",
        "summary": "Verify partners' expenditure with confidence: eligibility, public "
        "procurement and on-the-spot checks.",
        "format": F.SELF_PACED,
        "level": L.INTERMEDIATE,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "6",
        "duration": "",
        "tags": ["controls", "financial management"],
        "functions": ["controller"],
        "audience": CoursePage.Audience.PROGRAMME_STAFF,
        "outcomes": ["Check the eligibility of expenditure", "Carry out an on-the-spot check"],
        "modules": [("Verifications", ["Administrative checks", "On-the-spot checks"])],
    },
    {
        "slug": "cohort-new-joint-secretariat-staff",
        "title": "Cohort: new joint secretariat staff",
        "summary": "A six-week cohort of about 25 new joint secretariat members learning "
        "together, with weekly live sessions.",
        "format": F.LIVE_ONLINE,
        "level": L.INTRODUCTORY,
        "kind": CoursePage.Kind.CERTIFIED,
        "effort": "18",
        "duration": "6 weeks, 3 hours a week",
        "tags": ["programme management", "cohort"],
        "functions": ["joint_secretariat"],
        "outcomes": [
            "Support applicants and projects",
            "Prepare monitoring committee papers",
            "Build a network with peers from other programmes",
        ],
        "modules": [
            ("Weeks 1 and 2", ["Your programme in context", "Working with applicants"]),
            ("Weeks 3 to 6", ["Project monitoring", "The monitoring committee"]),
        ],
        "sessions": [(50, 42, "online", 25)],
    },
]


def _course_image(index: int):
    number = index % len(COLOURS) + 1

    def draw_banner():
        width, height = 960, 540
        canvas = PILImage.new("RGB", (width, height), COLOURS[number - 1])
        draw = ImageDraw.Draw(canvas)
        centre_x, centre_y = width - 260, height // 2
        for ring in range(6):
            radius = 80 + ring * 70
            draw.ellipse(
                [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius],
                outline=(255, 204, 0) if ring % 2 == 0 else (255, 255, 255),
                width=6,
            )
        return canvas

    return stored_demo_image(
        f"Academy course banner {number}", f"academy-banner-{number}.png", draw_banner
    )


def _trainers() -> list[Trainer]:
    trainers = []
    for name, role, bio in TRAINERS:
        trainer, _created = Trainer.objects.get_or_create(
            name=name, defaults={"role": role, "bio": bio}
        )
        trainers.append(trainer)
    return trainers


def _build_course(catalogue, spec: dict, index: int, trainers: list[Trainer]) -> CoursePage:
    has_sessions = spec["format"] != F.SELF_PACED
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        image=_course_image(index),
        format=spec["format"],
        level=spec["level"],
        language="en",
        kind=spec["kind"],
        effort_hours=Decimal(spec["effort"]),
        duration=spec["duration"],
        learning_outcomes="\n".join(spec["outcomes"]),
        audience_description=(
            "Programme staff who want a solid, practical grounding in this topic. No prior "
            "training is needed beyond your programme's own induction."
        ),
        audience_functions=spec["functions"],
        prerequisites="<p>Access to your programme's cooperation programme document.</p>",
        enrolment_audience=spec.get("audience", CoursePage.Audience.ANYONE),
        completion_requires_lessons=True,
        completion_requires_quizzes=spec["slug"] in QUIZZES,
        completion_requires_attendance=spec.get("attendance", False),
        quizzes_require_lessons=spec["kind"] == "certified",
    )
    for tag in spec["tags"]:
        course.tags.add(tag)
    course.trainers = [
        CourseTrainer(trainer=trainers[index % len(trainers)]),
        CourseTrainer(trainer=trainers[(index + 2) % len(trainers)]),
    ]
    publish_child(catalogue, course)
    for number, (module_title, lessons) in enumerate(spec["modules"], start=1):
        module = publish_child(
            course,
            ModulePage(
                title=module_title,
                slug=f"module-{number}",
                intro=f"Module {number} of {len(spec['modules'])}.",
            ),
        )
        for lesson_number, lesson_title in enumerate(lessons, start=1):
            publish_child(
                module,
                LessonPage(
                    title=lesson_title,
                    slug=f"lesson-{lesson_number}",
                    minutes=15 + 5 * lesson_number,
                    body=_lesson_body(
                        lesson_title,
                        [
                            f"What {lesson_title.lower()} means for your programme",
                            "The rules that apply and where to find them",
                            "A worked example from an Interreg programme",
                        ],
                    ),
                ),
            )
        if number == len(spec["modules"]) and spec["slug"] in QUIZZES:
            publish_child(
                module,
                QuizPage(
                    **QuizPage.review_defaults(course),
                    title="Check your understanding",
                    slug="quiz",
                    intro="Answer the questions to complete the module.",
                    questions=QUIZZES[spec["slug"]],
                    pass_mark=60,
                    max_attempts=3,
                ),
            )
    if has_sessions:
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        for days, length_days, delivery, seats in spec.get("sessions", []):
            starts = (now + timedelta(days=days)).replace(hour=8)
            session = CourseSession.objects.create(
                course=course,
                delivery=delivery,
                starts_at=starts,
                ends_at=starts + timedelta(days=length_days - 1, hours=8),
                time_zone="Europe/Brussels",
                capacity=seats,
                venue="Interact office" if delivery == "in_person" else "",
                address="Rue du Trône 62" if delivery == "in_person" else "",
                city="Brussels" if delivery == "in_person" else "",
                country="BE" if delivery == "in_person" else "",
                online_link="https://meet.example.org/academy" if delivery == "online" else "",
            )
            session.trainers.set([trainers[index % len(trainers)]])
    return course


DEMO_LEARNERS = [
    ("ana.ribeiro@learners.example.org", "Ana", "Ribeiro"),
    ("ben.schneider@learners.example.org", "Ben", "Schneider"),
    ("chloe.martin@learners.example.org", "Chloé", "Martin"),
    ("dario.rossi@learners.example.org", "Dario", "Rossi"),
    ("ewa.nowak@learners.example.org", "Ewa", "Nowak"),
]


def _learners():
    return [demo_person(email, first, last) for email, first, last in DEMO_LEARNERS]


def _complete_steps(user, course) -> None:
    for lesson in LessonPage.objects.descendant_of(course).live():
        LessonProgress.objects.get_or_create(user=user, lesson=lesson, defaults={"course": course})
    for quiz in QuizPage.objects.descendant_of(course).live():
        QuizAttempt.objects.get_or_create(
            user=user,
            quiz=quiz,
            number=1,
            defaults={
                "course": course,
                "score": 100,
                "correct_count": len(quiz.questions),
                "question_count": len(quiz.questions),
                "passed": True,
                "answers": {},
            },
        )


def _certify(user, course, completed_at) -> None:
    if not course.is_certified:
        return
    signatory = CertificateTemplate.load()
    Certificate.objects.get_or_create(
        source_key=course_source_key(course_id=course.pk, user_id=user.pk),
        revoked_at=None,
        defaults={
            "code": certificate_code_new(),
            "kind": Certificate.Kind.COURSE,
            "holder": user,
            "holder_name": user.get_full_name(),
            "title": course.title,
            "completed_on": timezone.localdate(completed_at),
            "effort_hours": course.effort_hours,
            "learning_outcomes": course.learning_outcome_list,
            "signatory_name": course.signatory_name or signatory.signatory_name,
            "signatory_title": (
                course.signatory_title if course.signatory_name else signatory.signatory_title
            ),
            "course": course,
        },
    )


def _seed_learners(courses: dict[str, CoursePage]) -> None:
    if Enrolment.objects.exists():
        return
    ana, ben, chloe, dario, ewa = _learners()
    now = timezone.now()
    basics = courses["interreg-programme-management-basics"]
    sco = courses["simplified-cost-options"]
    jems = courses["monitoring-with-jems"]
    story = courses["storytelling-for-interreg-projects"]
    evaluation = courses["evaluating-interreg-programmes"]

    # Ana has just enrolled; Ben is half-way through the same course.
    Enrolment.objects.create(user=ana, course=basics)
    ben_basics = Enrolment.objects.create(user=ben, course=basics)
    first_lessons = list(LessonPage.objects.descendant_of(basics).live().order_by("path")[:2])
    for lesson in first_lessons:
        LessonProgress.objects.create(user=ben, lesson=lesson, course=basics)
    ben_basics.last_visited = first_lessons[-1]
    ben_basics.save(update_fields=["last_visited"])

    # The next simplified-cost-options session is full, and Chloé waits for a seat.
    full_session = sco.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
    for learner in (ana, ben, dario):
        Enrolment.objects.create(user=learner, course=sco, session=full_session)
    Enrolment.objects.create(
        user=chloe, course=sco, session=full_session, status=PlaceStatus.WAITLISTED
    )

    # Dario completed the basics and holds its certificate; Ewa attended a past evaluation
    # workshop and was certified; both finished the Jems and storytelling short courses.
    completed_at = now - timedelta(days=20)
    Enrolment.objects.create(user=dario, course=basics, completed_at=completed_at)
    _complete_steps(dario, basics)
    _certify(dario, basics, completed_at)
    past_evaluation = evaluation.sessions.filter(starts_at__lt=now).first()
    Enrolment.objects.create(
        user=ewa,
        course=evaluation,
        session=past_evaluation,
        attended=True,
        completed_at=past_evaluation.ends_at + timedelta(days=1),
    )
    _complete_steps(ewa, evaluation)
    _certify(ewa, evaluation, past_evaluation.ends_at)
    past_jems = jems.sessions.filter(starts_at__lt=now).first()
    for learner in (dario, ewa):
        Enrolment.objects.create(
            user=learner, course=jems, session=past_jems, attended=True, completed_at=completed_at
        )
        _complete_steps(learner, jems)
        Enrolment.objects.create(user=learner, course=story, completed_at=completed_at)
        _complete_steps(learner, story)


def seed_certificate_signatory() -> None:
    """The person who signs the Academy's certificates, unless an editor has named one."""
    template = CertificateTemplate.load()
    if not template.signatory_name:
        template.signatory_name = "Dr Katarina Novak"
        template.signatory_title = "Director, Interreg Academy"
        template.save(update_fields=["signatory_name", "signatory_title", "updated_at"])


def seed_academy(catalogue: AcademyLandingPage) -> dict[str, CoursePage]:
    seed_certificate_signatory()
    trainers = _trainers()
    courses = {}
    for index, spec in enumerate(COURSES):
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        courses[spec["slug"]] = course or _build_course(catalogue, spec, index, trainers)
    _seed_learners(courses)
    return courses


def seed_bulk_courses(catalogue: AcademyLandingPage, count: int) -> int:
    """Ensure `count` extra catalogue entries exist, for query budgets and benchmarks."""
    existing = CoursePage.objects.child_of(catalogue).filter(slug__startswith="bulk-").count()
    formats = list(F.values)
    for number in range(existing + 1, count + 1):
        course = CoursePage(
            title=f"Practice course {number}",
            slug=f"bulk-{number}-{uuid.uuid4().hex[:6]}",
            summary=f"Practice course number {number} for programme staff.",
            format=formats[number % len(formats)],
            level=L.INTRODUCTORY,
            effort_hours=Decimal(2),
            learning_outcomes="Practise the basics",
            audience_description="Programme staff.",
            audience_functions=["joint_secretariat"],
        )
        catalogue.add_child(instance=course)
        if course.has_sessions:
            starts = timezone.now().replace(microsecond=0) + timedelta(days=number % 300 + 1)
            CourseSession.objects.create(
                course=course,
                delivery="online",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                online_link="https://meet.example.org/practice",
            )
    return max(count - existing, 0)
