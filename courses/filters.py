"""The catalogue FilterSet: every filter state is a plain, shareable query string."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.choices import AudienceCode, CourseFormat, PackageLevel, Province, Scope
from courses.models import Edition


class SlugFilter(django_filters.CharFilter):
    field_class = forms.SlugField


class CatalogueFilterSet(django_filters.FilterSet):
    """Filter upcoming editions; the queryset must carry the free_places annotation.

    Invalid values are left out by django-filter and reported by the catalogue selector,
    so a tampered query string narrows nothing and breaks nothing.
    """

    q = django_filters.CharFilter(method="filter_search", label=_("Zoeken"), max_length=200)
    traject = SlugFilter(field_name="course__track__slug", label=_("Traject"), max_length=255)
    niveau = django_filters.ChoiceFilter(
        field_name="course__package__level", choices=PackageLevel.choices, label=_("Niveau")
    )
    vorm = django_filters.ChoiceFilter(field_name="course__format", choices=CourseFormat.choices, label=_("Vorm"))
    reikwijdte = django_filters.ChoiceFilter(field_name="scope", choices=Scope.choices, label=_("Reikwijdte"))
    provincie = django_filters.ChoiceFilter(field_name="province", choices=Province.choices, label=_("Provincie"))
    doelgroep = django_filters.ChoiceFilter(
        field_name="course__audiences__code", choices=AudienceCode.choices, label=_("Doelgroep")
    )
    partner = SlugFilter(
        field_name="course__partner_organisations__slug", label=_("Partnerorganisatie"), max_length=120
    )
    thema = SlugFilter(field_name="course__themes__slug", label=_("Thema"), max_length=120)
    van = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte", label=_("Vanaf"))
    tot = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", label=_("Tot en met"))
    plaatsen = django_filters.ChoiceFilter(
        method="filter_places", choices=[("ja", _("Nog plaatsen vrij"))], label=_("Plaatsen")
    )
    sorteer = django_filters.ChoiceFilter(
        method="sort", choices=[("datum", _("Datum")), ("titel", _("Titel"))], label=_("Sorteren op")
    )

    class Meta:
        model = Edition
        fields = []

    def __init__(self, *args, search=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Several FilterSets of one page share the same search, so it runs once per request.
        self.search = search

    def get_form_class(self):
        # django-filter builds a new form class for every FilterSet; the catalogue makes one
        # per request and the fields never change, so build it once per process.
        cls = type(self)
        if "_catalogue_form_class" not in cls.__dict__:
            cls._catalogue_form_class = super().get_form_class()
        return cls._catalogue_form_class

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(course_id__in=self.search(value))

    def filter_places(self, queryset, name, value):
        return queryset.filter(free_places__gt=0) if value == "ja" else queryset

    def sort(self, queryset, name, value):
        if value == "titel":
            return queryset.order_by("course__title", "starts_at", "pk")
        return queryset.order_by("starts_at", "pk")
