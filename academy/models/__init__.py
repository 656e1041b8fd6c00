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
from .paths import LearningPath, LearningPathStep

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
    "LearningPath",
    "LearningPathStep",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "QuizAttempt",
    "QuizPage",
    "Trainer",
]
