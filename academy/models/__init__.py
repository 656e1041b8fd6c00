from .credentials import Certificate, CertificateTemplate
from .learning import CourseSession, Enrolment, LessonProgress, QuizAttempt
from .pages import (
    AcademyLandingPage,
    CourseContentPage,
    CoursePage,
    CourseTag,
    CourseTrainer,
    LessonPage,
    ModulePage,
    QuizPage,
    Trainer,
)

__all__ = [
    "AcademyLandingPage",
    "Certificate",
    "CertificateTemplate",
    "CourseContentPage",
    "CoursePage",
    "CourseSession",
    "CourseTag",
    "CourseTrainer",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "QuizAttempt",
    "QuizPage",
    "Trainer",
]
