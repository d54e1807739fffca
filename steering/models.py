"""The steering group's own settings: when the Signalen report raises a signal."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="warning")
class SignalThresholds(BaseGenericSetting):
    """Where a waitlist counts as long and an edition as nearly empty, for the whole academy."""

    long_waitlist_min = models.PositiveSmallIntegerField(
        _("lange wachtlijst vanaf (wachtenden)"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Een wachtlijst is lang vanaf zoveel wachtenden …"),
    )
    long_waitlist_percentage = models.PositiveSmallIntegerField(
        _("of vanaf (% van de plaatsen)"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("… of vanaf zoveel procent van het aantal plaatsen."),
    )
    nearly_empty_percentage = models.PositiveSmallIntegerField(
        _("bijna leeg onder (% van de plaatsen bevestigd)"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    nearly_empty_within_days = models.PositiveSmallIntegerField(
        _("bijna leeg: begint binnen (dagen)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    low_evaluation_below = models.DecimalField(
        _("lage evaluatie: algemene score onder"),
        max_digits=2,
        decimal_places=1,
        default=Decimal("3.0"),
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("5.0"))],
        help_text=_("Een editie met minstens drie antwoorden en een gemiddelde algemene score onder dit cijfer."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("long_waitlist_min"), FieldPanel("long_waitlist_percentage")], heading=_("Lange wachtlijsten")
        ),
        MultiFieldPanel(
            [FieldPanel("nearly_empty_percentage"), FieldPanel("nearly_empty_within_days")],
            heading=_("Bijna lege edities"),
        ),
        FieldPanel("low_evaluation_below", heading=_("Lage evaluaties")),
    ]

    class Meta:
        verbose_name = _("drempels voor de signalen")
        constraints = [
            models.CheckConstraint(
                condition=Q(long_waitlist_min__gte=1),
                name="signals_long_waitlist_min_positive",
                violation_error_message=_("Een lange wachtlijst telt minstens één wachtende."),
            ),
            models.CheckConstraint(
                condition=Q(long_waitlist_percentage__gte=1, long_waitlist_percentage__lte=100)
                & Q(nearly_empty_percentage__gte=1, nearly_empty_percentage__lte=100),
                name="signals_percentages_between_1_and_100",
                violation_error_message=_("Een percentage ligt tussen 1 en 100."),
            ),
            models.CheckConstraint(
                condition=Q(nearly_empty_within_days__gte=1, nearly_empty_within_days__lte=365),
                name="signals_nearly_empty_days_within_a_year",
                violation_error_message=_("Kies tussen 1 en 365 dagen."),
            ),
            models.CheckConstraint(
                condition=Q(low_evaluation_below__gte=1, low_evaluation_below__lte=5),
                name="signals_low_evaluation_between_1_and_5",
                violation_error_message=_("Kies een score tussen 1 en 5."),
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)
