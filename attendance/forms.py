"""The roll call of a session and the check-in code form."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from attendance.models import Attendance

MARK_PREFIX = "mark_"


class RollCallForm(forms.Form):
    """One radio group per confirmed participant of the session, their current mark chosen.

    Nobody has to be marked: a participant left without a choice keeps the mark they have.
    """

    def __init__(self, rows, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            person = row.enrolment.person
            self.fields[f"{MARK_PREFIX}{row.enrolment.pk}"] = forms.ChoiceField(
                label=person.get_full_name() or person.email or person.get_username(),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or None,
                error_messages={"invalid_choice": _("Kies aanwezig, afwezig of gewettigd afwezig.")},
            )

    def __iter__(self):
        """Each row of the roll call with its bound field, for the template."""
        for row in self.rows:
            yield row, self[f"{MARK_PREFIX}{row.enrolment.pk}"]

    def get_marks(self, *, unmarked_present: bool = False) -> dict[int, str]:
        """The chosen marks by enrolment id; with unmarked_present, whoever has no mark yet
        and none chosen is present (the shortcut for a full room)."""
        marks = {int(name.removeprefix(MARK_PREFIX)): status for name, status in self.cleaned_data.items()}
        if unmarked_present:
            for row in self.rows:
                if not marks.get(row.enrolment.pk) and not row.status:
                    marks[row.enrolment.pk] = Attendance.Status.PRESENT
        return marks


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de sessie"),
        max_length=20,
        help_text=_("De code van zes tekens die de lesgever toont, bijvoorbeeld K7M2QX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Vul de code van de sessie in.")},
    )


class SessionFilterForm(forms.Form):
    """Narrow the admin's list of sessions to one edition or to a period."""

    class Period(models.TextChoices):
        PAST = "voorbij", _("Begonnen of voorbij")
        UPCOMING = "komend", _("Nog niet begonnen")

    edition = forms.ModelChoiceField(label=_("Editie"), queryset=None, required=False, empty_label=_("Alle edities"))
    period = forms.ChoiceField(label=_("Wanneer"), choices=[("", _("Altijd")), *Period.choices], required=False)

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions

    def get_filters(self) -> dict:
        if not self.is_valid():
            return {}
        period = self.cleaned_data["period"]
        return {
            "edition": self.cleaned_data["edition"],
            "started": {self.Period.PAST: True, self.Period.UPCOMING: False}.get(period),
        }
