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
    LearningPath,
    LearningPathStep,
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


# Each lesson's text, as a trainer would write it: (paragraphs, key points).
LESSONS = {
    "The cooperation programme": (
        "The cooperation programme is the contract between the participating countries and the "
        "European Commission. It says which policy objectives the programme funds, how much "
        "money each priority gets and which results it promises by the end of the period.",
        "Keep the adopted version at hand: most questions from applicants are answered in its "
        "intervention logic and its list of eligible actions.",
    ),
    "Who does what: MA, JS, NCP": (
        "The managing authority carries the legal responsibility for the programme. The joint "
        "secretariat does the daily work: it advises applicants, assesses proposals and follows "
        "projects. National contact points support partners in their own country.",
        "When a partner writes to the wrong body, forward the question and tell them who will "
        "answer: it saves everyone a week.",
    ),
    "Calls and selection": (
        "A call opens with terms of reference, an application pack and a timetable approved by "
        "the monitoring committee. The secretariat checks eligibility, experts assess quality, "
        "and the committee takes the funding decision.",
        "Write the assessment grid before the call opens, and publish it: applicants write "
        "better proposals when they know how they will be scored.",
    ),
    "Contracting": (
        "After selection, the managing authority signs a subsidy contract with the lead "
        "partner, who in turn signs a partnership agreement with every partner. Conditions set "
        "by the committee must be met before signature.",
        "Check the partners' legal status and bank details at this stage; correcting them "
        "after the first payment request takes months.",
    ),
    "Reporting and payments": (
        "Partners report their costs every six months. Their controllers verify the costs, the "
        "lead partner compiles a project report, and the joint secretariat checks it before the "
        "managing authority pays the lead partner.",
        "Most delays come from missing supporting documents, so a short checklist for partners "
        "pays for itself in the first reporting period.",
    ),
    "The regulatory options": (
        "Articles 53 to 56 of the Common Provisions Regulation and the Interreg Regulation "
        "offer flat rates, unit costs and lump sums. Some flat rates can be used without any "
        "justification; others need a calculation method that the audit authority can follow.",
        "Start with the off-the-shelf options: a 15 % flat rate for office and administration "
        "is already in the regulation and needs no study.",
    ),
    "Risks and benefits": (
        "Simplified costs cut the paperwork for partners and controllers and remove the most "
        "common errors. The risk moves from checking invoices to checking that the activity "
        "really happened and the method was applied correctly.",
        "Explain this shift early to controllers, who will ask for evidence of outputs instead "
        "of receipts.",
    ),
    "Flat rates": (
        "A flat rate calculates one cost category as a percentage of another, for example "
        "staff costs as 20 % of direct costs other than staff. Partners then report only the "
        "base costs.",
        "Worked example: a partner reports 50,000 euro of direct costs other than staff; with "
        "a 20 % flat rate, 10,000 euro of staff costs follow without timesheets.",
    ),
    "Unit costs and lump sums": (
        "A unit cost pays a fixed amount per unit delivered, such as a training day or a "
        "kilometre travelled. A lump sum pays a fixed amount once an agreed result is reached, "
        "for example a feasibility study accepted by the partners.",
        "Define the evidence in the contract: an attendance list, a published report, a signed "
        "handover note.",
    ),
    "From the Commission to the lead partner": (
        "The Commission pays pre-financing and interim payments to the programme's account. "
        "The managing authority pays lead partners, who forward each partner's share without "
        "deductions.",
        "Track the days between the Commission's payment and the partners' receipt: partners "
        "notice long delays before anyone else does.",
    ),
    "Payment applications": (
        "The managing authority sends payment applications to the Commission several times a "
        "year, adding up the expenditure verified since the last one. The accounting function "
        "checks that every amount can be traced to a verified project report.",
        "Send an application before each deadline even if it is small: it keeps the "
        "decommitment risk under control.",
    ),
    "The accounting year": (
        "The accounting year runs from 1 July to 30 June. By 15 February of the following year "
        "the programme submits its accounts, with the management declaration and the audit "
        "authority's opinion.",
        "Amounts still under assessment can be left out of the accounts and included in a "
        "later year once they are cleared.",
    ),
    "Decommitment (N+3)": (
        "Money committed for a year must be claimed within three years, or the Commission "
        "takes it back. Programmes watch the curve of payment claims against the commitments "
        "due each December.",
        "If the forecast falls short, ask projects early for interim reports rather than "
        "waiting for the end of the period.",
    ),
    "The five criteria": (
        "Public support is state aid when it comes from state resources, gives an advantage, "
        "is selective, distorts competition and affects trade between Member States. All five "
        "must be met.",
        "A university running a non-economic research activity usually fails the advantage "
        "test; a company testing its own product usually does not.",
    ),
    "Typical cases in Interreg": (
        "Most Interreg partners are public bodies doing non-economic work, and no aid is "
        "involved. Aid appears when projects give services, training or consultancy to "
        "companies, or when a partner sells what the project produced.",
        "Ask at application stage who will benefit indirectly: the companies receiving free "
        "advice are the ones to check.",
    ),
    "De minimis": (
        "Aid up to 300,000 euro per undertaking over three years is considered too small to "
        "distort competition. The granting body must record the aid and check the "
        "undertaking's other de minimis aid.",
        "Keep a simple register per project of which company received which service and its "
        "estimated value.",
    ),
    "The block exemption regulation": (
        "The General Block Exemption Regulation lists aid that is compatible without "
        "notification, including an article written for European territorial cooperation "
        "projects. Its conditions on eligible costs and aid intensity must be respected.",
        "Quote the exact GBER article in the subsidy contract so that controllers know which "
        "conditions to verify.",
    ),
    "The Jems dashboard": (
        "Jems, the joint electronic monitoring system, opens on a dashboard of your calls, "
        "projects and tasks. Filters keep the list to the projects you follow.",
        "Save your usual filter as a bookmark; it is the quickest way back to your projects.",
    ),
    "Project reports": (
        "Partners submit their reports in Jems, controllers certify them there, and the lead "
        "partner combines them into a project report. The secretariat sees every step and its "
        "date.",
        "Use the comments field to ask for corrections instead of e-mail, so the history stays "
        "with the report.",
    ),
    "The evaluation plan": (
        "Every programme adopts an evaluation plan within a year of its approval. It lists the "
        "evaluations, their questions, their timing and the data they need.",
        "Plan the data collection with the monitoring system from the start; evaluators "
        "cannot rebuild indicators afterwards.",
    ),
    "Choosing methods": (
        "Implementation evaluations look at how the programme works; impact evaluations ask "
        "what changed because of it. Theory-based methods, such as contribution analysis, suit "
        "programmes with many small projects.",
        "Choose the question first and the method second: a survey answers few questions well.",
    ),
    "People first": (
        "A story starts with one person whose day changed: the nurse who now crosses the "
        "border for a shift, the farmer who sells at a market on the other side.",
        "Ask the partners who that person is. They usually know, and the person is often glad "
        "to tell it.",
    ),
    "From results to stories": (
        "Indicators say that 40 kilometres of cycle path were built. A story says that a "
        "teenager now cycles to school in the neighbouring country in twenty minutes.",
        "Keep both: the figure proves the result, the story makes people remember it.",
    ),
    "Programme obligations": (
        "Programmes must run a website with their calls, selected projects and results, and "
        "communicate operations of strategic importance. The EU emblem and the programme logo "
        "appear on every publication.",
        "The brand book on this portal has the logos, colours and templates that meet these rules.",
    ),
    "Project obligations": (
        "Projects describe their EU support on their website and social media, display a "
        "poster or billboard where the public can see it, and use the programme logo on "
        "their materials.",
        "If a partner ignores these rules, the managing authority can cancel up to 3 % of the "
        "support: remind partners in the kick-off meeting.",
    ),
    "Deadlines": (
        "The closure package for 2014-2020 programmes was due by 15 February 2025. It holds "
        "the final payment application, the final accounts, the final implementation report "
        "and the audit authority's closure opinion.",
        "Work backwards from the deadline: controllers and auditors need their share of the "
        "time too.",
    ),
    "The final implementation report": (
        "The final report tells what the programme achieved against its targets, with the "
        "indicator values and an explanation for any gap.",
        "Reuse the annual reports and the evaluations; the final report is a summary, not a "
        "new study.",
    ),
    "System audits": (
        "System audits test whether the programme's management and control system works: "
        "selection, verifications, payments and the treatment of irregularities.",
        "Prepare the procedures manual and the last changes to it; auditors always start there.",
    ),
    "Audits of operations": (
        "Each year the audit authority checks a sample of the expenditure declared to the "
        "Commission, down to the supporting documents of individual partners.",
        "The error rate must stay below 2 %; one unsupported invoice in a small sample can "
        "move it a long way.",
    ),
    "Administrative checks": (
        "Controllers check every report on paper: eligibility of each cost, supporting "
        "documents, public procurement and the right calculation of simplified costs.",
        "Write down what you checked and what you found, even when everything is fine: the "
        "audit trail is the control.",
    ),
    "On-the-spot checks": (
        "On-the-spot checks confirm that what the partner reported exists: the equipment, the "
        "event, the investment. They are planned on a risk basis, not for every report.",
        "Take dated photographs and note who met you; a short visit report is enough.",
    ),
    "Your programme in context": (
        "Your programme is one of more than eighty Interreg programmes. Neighbouring "
        "programmes often fund similar projects, and their secretariats are worth knowing.",
        "List the programmes that overlap your area and meet their secretariats once a year.",
    ),
    "Working with applicants": (
        "Most applicants apply once or twice in their careers. Clear guidance, a consultation "
        "before submission and honest feedback after rejection raise the quality of the next "
        "call.",
        "Offer consultations in the partners' languages where you can: it widens who applies.",
    ),
    "Project monitoring": (
        "Monitoring follows whether projects deliver what they promised: activities, outputs, "
        "spending and the partnership itself.",
        "Call the lead partner before a report is late, not after: problems are smaller when "
        "they are new.",
    ),
    "The monitoring committee": (
        "The monitoring committee brings together the participating countries, regional "
        "partners and civil society. It approves the selection criteria, selects projects and "
        "reviews the programme's progress.",
        "Send documents two weeks before meetings and keep the minutes short: decisions, "
        "reasons and who acts next.",
    ),
}


def _lesson_body(title: str) -> list:
    explanation, tip = LESSONS[title]
    return [("rich_text", f"<p>{explanation}</p><p><b>In practice.</b> {tip}</p>")]


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
                    body=_lesson_body(lesson_title),
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

    # Certified once, Dario is now half-way through the state aid course.
    state_aid = courses["state-aid-in-cooperation-projects"]
    dario_state_aid = Enrolment.objects.create(user=dario, course=state_aid)
    lessons = list(LessonPage.objects.descendant_of(state_aid).live().order_by("path"))
    for lesson in lessons[: len(lessons) // 2]:
        LessonProgress.objects.create(user=dario, lesson=lesson, course=state_aid)
        dario_state_aid.last_visited = lesson
    dario_state_aid.save(update_fields=["last_visited"])


def seed_certificate_signatory() -> None:
    """The person who signs the Academy's certificates, unless an editor has named one."""
    template = CertificateTemplate.load()
    if not template.signatory_name:
        template.signatory_name = "Dr Katarina Novak"
        template.signatory_title = "Director, Interreg Academy"
        template.save(update_fields=["signatory_name", "signatory_title", "updated_at"])


# (title, audience, validity in months, description, [(course slug, required)])
PATHS = [
    (
        "Controllers: first year in the job",
        LearningPath.Audience.CONTROLLER,
        36,
        "What a first-level controller checks, and how simplified costs change the checks.",
        [
            ("first-level-control-essentials", True),
            ("simplified-cost-options", True),
            ("state-aid-in-cooperation-projects", False),
        ],
    ),
    (
        "Joint secretariat: running a programme",
        LearningPath.Audience.JOINT_SECRETARIAT,
        None,
        "From the programme's rules to monitoring projects in Jems.",
        [
            ("interreg-programme-management-basics", True),
            ("monitoring-with-jems", True),
            ("financial-management-for-programmes", False),
        ],
    ),
    (
        "New to Interreg",
        LearningPath.Audience.NEWCOMERS,
        None,
        "The basics of Interreg programmes, and how to tell a project's story.",
        [
            ("interreg-programme-management-basics", True),
            ("communication-and-visibility-rules", False),
        ],
    ),
]


def seed_learning_paths(courses: dict[str, CoursePage]) -> None:
    for title, audience, months, description, steps in PATHS:
        if LearningPath.objects.filter(title=title).exists():
            continue
        path = LearningPath.objects.create(
            title=title,
            audience=audience,
            validity_months=months,
            description=description,
            live=True,
        )
        LearningPathStep.objects.bulk_create(
            LearningPathStep(path=path, course=courses[slug], required=required, sort_order=n)
            for n, (slug, required) in enumerate(steps)
            if slug in courses
        )


def seed_academy(catalogue: AcademyLandingPage) -> dict[str, CoursePage]:
    seed_certificate_signatory()
    trainers = _trainers()
    courses = {}
    for index, spec in enumerate(COURSES):
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        courses[spec["slug"]] = course or _build_course(catalogue, spec, index, trainers)
    _seed_learners(courses)
    seed_learning_paths(courses)
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
