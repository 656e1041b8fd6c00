from portal.accounts import gdpr

from .models import Certificate, Enrolment, LessonProgress, QuizAttempt


@gdpr.register("academy")
def academy_data(user):
    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "session_starts": gdpr.iso(
                    enrolment.session.starts_at if enrolment.session else None
                ),
                "status": enrolment.status,
                "signed_up": gdpr.iso(enrolment.created_at),
                "attended": enrolment.attended,
                "completed": gdpr.iso(enrolment.completed_at),
            }
            for enrolment in Enrolment.objects.filter(user=user).select_related("course", "session")
        ],
        "lessons_done": [
            {"lesson": progress.lesson.title, "done": gdpr.iso(progress.completed_at)}
            for progress in LessonProgress.objects.filter(user=user).select_related("lesson")
        ],
        "quiz_attempts": [
            {
                "quiz": attempt.quiz.title,
                "attempt": attempt.number,
                "score": attempt.score,
                "passed": attempt.passed,
                "submitted": gdpr.iso(attempt.submitted_at),
            }
            for attempt in QuizAttempt.objects.filter(user=user).select_related("quiz")
        ],
        "certificates": [
            {
                "code": certificate.code,
                "title": certificate.title,
                "name": certificate.holder_name,
                "completed_on": gdpr.iso(certificate.completed_on),
                "revoked": gdpr.iso(certificate.revoked_at),
            }
            for certificate in Certificate.objects.filter(holder=user)
        ],
    }
