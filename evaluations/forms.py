from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.models import Question
from evaluations.services import MAX_TEXT_LENGTH

SCORE_CHOICES = [
    (1, _("1 – slecht")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – uitstekend")),
]


class EvaluationForm(forms.Form):
    """One field per question of the invitation's set: a score of 1 to 5 or an open answer."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {}
        for question in questions:
            name = f"vraag_{question.pk}"
            self.questions[name] = question
            label = question.text if question.required else _("%(question)s (optioneel)") % {"question": question.text}
            if question.kind == Question.Kind.SCORE:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=SCORE_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=question.required,
                    widget=forms.RadioSelect,
                    help_text=_("Van 1 (slecht) tot 5 (uitstekend)."),
                    error_messages={
                        "required": _("Kies een score van 1 tot 5."),
                        "invalid_choice": _("Kies een score van 1 tot 5."),
                    },
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=question.required,
                    max_length=MAX_TEXT_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={
                        "required": _("Vul deze vraag in."),
                        "max_length": _("Hou je antwoord korter dan %(limit_value)d tekens (nu %(show_value)d)."),
                    },
                )

    def answers(self):
        """(Question, value) pairs, for evaluations.services.submit_evaluation()."""
        return [(question, self.cleaned_data.get(name)) for name, question in self.questions.items()]
