"""What the Academy's pages show and do: the catalogue binds its filters, course content is
opened to learners only, lessons are marked done and quizzes scored."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from portal.core.pages import PageView
from portal.core.query import query_form, query_int, query_page

from .access import may_edit_course, may_open_course_content
from .forms import CatalogueFilterForm, QuizAnswers
from .selectors import (
    course_catalogue,
    course_completed_by,
    course_detail,
    course_outline_for_learner,
    course_topic_choices,
    quiz_lock_message,
    quiz_state,
)
from .services import enrolment_record_visit, lesson_complete, quiz_submit

ENROL_FIRST = _("Enrol in the course to open its lessons.")
LESSON_DONE = _("Lesson marked as done.")
COURSE_COMPLETED = _("Congratulations, you have completed the course.")


class CatalogueView(PageView):
    def get_context(self, context):
        form = query_form(CatalogueFilterForm, self.request, topic_choices=course_topic_choices())
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["courses"] = course_catalogue(
            catalogue=self.source,
            user=self.request.user,
            filters=filters,
            page=query_page(self.request),
        )
        context["filtered"] = bool(filters and any(filters.values()))
        return context


class CourseView(PageView):
    def get_context(self, context):
        context.update(course_detail(course=self.source))
        # The pieces ask by the course in its original language, which enrolments are kept by.
        context["course_id"] = self.source.pk
        return context


class CourseContentView(PageView):
    """Modules, lessons and quizzes: open only to the course's learners and its editors."""

    def respond(self):
        request, course = self.request, self.source.course
        if not may_open_course_content(request.user, course):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            messages.info(request, ENROL_FIRST)
            return redirect(course.url if course else "/")
        if request.method == "POST":
            return self.post()
        enrolment_record_visit(user=request.user, page=self.source)
        return None

    def get_context(self, context):
        context["course"] = self.page.course
        context["outline"] = course_outline_for_learner(
            course=self.source.course, user=self.request.user, current=self.source
        )
        return context


class LessonView(CourseContentView):
    def post(self):
        """Mark the lesson done: by its button, or by the page when the learner reaches the end."""
        request, lesson = self.request, self.source
        try:
            lesson_complete(user=request.user, lesson=lesson)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(lesson.url)
        if request.headers.get("X-Portal-Background") == "1":
            return JsonResponse({"done": True})
        if course_completed_by(course=lesson.course, user=request.user):
            messages.success(request, COURSE_COMPLETED)
            return redirect(lesson.course.url)
        messages.success(request, LESSON_DONE)
        following = course_outline_for_learner(
            course=lesson.course, user=request.user, current=lesson
        ).get("next")
        return redirect(following.page.url if following else lesson.course.url)


class QuizView(CourseContentView):
    submission = {"answers": {}, "errors": {}}

    def post(self):
        """Score the submitted answers; on a mistake show the quiz again with them kept."""
        request, quiz = self.request, self.source
        answers = {block.id: request.POST.getlist(block.id) for block in quiz.questions}
        try:
            attempt = quiz_submit(user=request.user, quiz=quiz, answers=answers)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {}
            if not errors:
                messages.error(request, " ".join(error.messages))
                return redirect(quiz.url)
            self.submission = {"answers": answers, "errors": errors}
            return self.render()
        return redirect(f"{quiz.url}?attempt={attempt.number}#result")

    def get_context(self, context):
        context = super().get_context(context)
        request, quiz = self.request, self.source
        shown = query_int(request, "attempt", minimum=1)
        context.update(quiz_state(quiz=quiz, user=request.user, shown=shown, translated=self.page))
        step = context["outline"].get("current_step")
        lessons_to_go = step.lessons_to_go if step else 0
        # Editors preview a closed quiz with its questions; learners are told why it is closed.
        context["quiz_previewed_closed"] = bool(lessons_to_go) and may_edit_course(
            request.user, quiz.course
        )
        context["quiz_lock"] = (
            quiz_lock_message(lessons_to_go)
            if lessons_to_go and not context["quiz_previewed_closed"]
            else ""
        )
        for question in context["questions"]:
            question["chosen"] = self.submission["answers"].get(question["id"], [])
            question["errors"] = self.submission["errors"].get(question["id"], [])
            question["auto_id"] = f"question-{question['id']}"
        context["quiz_answers"] = QuizAnswers(context["questions"])
        context["quiz_errors"] = bool(self.submission["errors"])
        return context
