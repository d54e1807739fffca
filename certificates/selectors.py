"""Read certificates: a person's own, one by its code, what the PDF is made from."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from wagtail.models import Site

from academy.models import SiteSettings
from attendance.completion import EditionCompletion, get_completions
from certificates.models import Certificate, normalise_certificate_code
from courses.selectors import attach_editions
from enrolment.models import Enrolment


@dataclass(frozen=True)
class Issuer:
    settings: SiteSettings
    site_url: str

    @property
    def name(self):
        return self.settings.academy_name


def get_issuer() -> Issuer:
    """The academy as it signs certificates: the default site's settings and address."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Issuer(SiteSettings(academy_name=settings.WAGTAIL_SITE_NAME), "")
    site_settings = SiteSettings.objects.select_related("logo").filter(site=site).first() or SiteSettings.for_site(site)
    return Issuer(site_settings, site.root_url)


def holder_name_of(person) -> str:
    return person.get_full_name() or person.email or person.get_username()


def list_certificates_of(person):
    return Certificate.objects.filter(person=person).select_related("edition", "package")


def list_certificates_in_dashboard(person):
    """The person's certificates as Mijn academie lists them: title and days are the
    certificate's own, the edition tells which course it completes; no package page."""
    return attach_editions(list(Certificate.objects.filter(person=person)))


def get_certificate_by_code(code: str):
    """The certificate with this code, typed as printed (dashes, any case, spaces) or not."""
    return Certificate.objects.filter(code=normalise_certificate_code(code)).first()


def list_valid_certificates_of(person):
    return list_certificates_of(person).valid().order_by("issued_at", "pk")


def get_own_certificate(person, code: str):
    """The person's own certificate by its code, revoked ones excluded: nobody downloads
    another's certificate, nor a revoked one."""
    return list_certificates_of(person).valid().filter(code=normalise_certificate_code(code)).first()


def list_certificates_for_admin():
    """Every certificate with what the staff listing shows, in a fixed number of queries."""
    return Certificate.objects.select_related("person", "edition__course", "package")


def get_certificate_for_admin(pk):
    return list_certificates_for_admin().filter(pk=pk).first()


def list_confirmed_participants(edition=None):
    """People with a confirmed enrolment, in the edition when one is given, by name."""
    enrolments = Enrolment.objects.confirmed()
    if edition is not None:
        enrolments = enrolments.filter(edition=edition)
    return (
        get_user_model()
        .objects.filter(pk__in=enrolments.values("person_id"))
        .order_by("last_name", "first_name", "email", "pk")
    )


def get_confirmed_enrolment(edition, person):
    return Enrolment.objects.confirmed().filter(edition=edition, person=person).select_related("person").first()


@dataclass(frozen=True)
class PreviewRow:
    enrolment: Enrolment
    completion: EditionCompletion
    reason: str = ""
    certificate: Certificate | None = None


@dataclass(frozen=True)
class IssuePreview:
    """Who an edition's batch issue gives a certificate, and who it skips and why."""

    qualifying: list
    missing: list
    certified: list


def _missing_reason(completion: EditionCompletion) -> str:
    if completion.owed == 0:
        return gettext("Geen sessies meegemaakt: ingeschreven na de laatste sessie, of de editie heeft er geen.")
    reason = gettext(
        "%(attended)s van %(owed)s sessies aanwezig (%(percentage)s %%); de vorming vraagt %(threshold)s %%."
    ) % {
        "attended": completion.attended,
        "owed": completion.owed,
        "percentage": completion.percentage,
        "threshold": completion.threshold,
    }
    if completion.excused and not completion.excused_counts:
        reason += " " + gettext("Gewettigde afwezigheden tellen bij deze vorming niet mee.")
    return reason


def get_issue_preview(edition) -> IssuePreview:
    """Sort the edition's confirmed participants by what issuing its certificates does for
    them: who gets one, who already has one, and who misses it, with the reason. Completion
    is the course's rule, from attendance.completion; a fixed number of queries."""
    enrolments = list(
        Enrolment.objects.filter(edition=edition)
        .confirmed()
        .select_related("person", "edition__course")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    completions = get_completions(enrolments)
    certificates = {
        certificate.person_id: certificate
        for certificate in Certificate.objects.filter(kind=Certificate.Kind.EDITION, edition=edition)
    }
    preview = IssuePreview(qualifying=[], missing=[], certified=[])
    for enrolment in enrolments:
        completion = completions[enrolment.pk]
        if enrolment.person_id in certificates:
            preview.certified.append(PreviewRow(enrolment, completion, certificate=certificates[enrolment.person_id]))
        elif completion.is_completed:
            preview.qualifying.append(PreviewRow(enrolment, completion))
        else:
            preview.missing.append(PreviewRow(enrolment, completion, reason=_missing_reason(completion)))
    return preview
