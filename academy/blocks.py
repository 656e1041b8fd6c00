"""Quiz questions, edited as blocks of a quiz page. Correct answers stay on the server."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

QUESTION_NEEDS_TWO_CHOICES = _("Give at least two answers to choose from.")
QUESTION_NEEDS_A_CORRECT_CHOICE = _("Mark at least one answer as correct.")
SINGLE_CHOICE_NEEDS_ONE_CORRECT = _(
    "A single-choice question has exactly one correct answer; allow several answers instead."
)


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("feedback when chosen"),
        required=False,
        max_length=400,
        help_text=_("Shown after submission to learners who picked this answer."),
    )


class QuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("question"), max_length=600)
    allows_several = blocks.BooleanBlock(
        label=_("several answers may be correct"),
        required=False,
        help_text=_("Learners tick boxes instead of choosing one answer."),
    )
    choices = blocks.ListBlock(ChoiceBlock(), label=_("answers"))
    explanation = blocks.TextBlock(
        label=_("explanation"),
        required=False,
        max_length=1000,
        help_text=_("Shown after submission: why the correct answer is correct."),
    )

    class Meta:
        icon = "help"
        label = _("question")

    def clean(self, value):
        value = super().clean(value)
        choices = list(value["choices"])
        correct = sum(1 for choice in choices if choice["correct"])
        if len(choices) < 2:
            error = QUESTION_NEEDS_TWO_CHOICES
        elif correct == 0:
            error = QUESTION_NEEDS_A_CORRECT_CHOICE
        elif correct > 1 and not value["allows_several"]:
            error = SINGLE_CHOICE_NEEDS_ONE_CORRECT
        else:
            return value
        raise StructBlockValidationError({"choices": ValidationError(error)})


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()
