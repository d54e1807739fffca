"""Background work of certificates: issuing what attendance earned, batches, mails."""

from django.contrib.auth import get_user_model
from django.tasks import task

from certificates import notifications, services
from certificates.models import Certificate
from courses.models import Edition, ProgrammeYear


@task
def issue_earned_certificates(enrolment_ids: list[int]):
    services.issue_earned_certificates(enrolment_ids)


@task
def issue_certificates_for_edition(edition_id: int):
    services.issue_certificates_for_edition(Edition.objects.get(pk=edition_id))


@task
def issue_certificates_for_programme_year(programme_year_id: int):
    """Give each ended edition of the year its own task, so workers share the batch."""
    year = ProgrammeYear.objects.get(pk=programme_year_id)
    for edition_id in year.editions.filter(status=Edition.Status.APPROVED).values_list("pk", flat=True):
        issue_certificates_for_edition.enqueue(edition_id)


@task
def send_certificate_mails(certificate_ids: list[int]) -> int:
    certificates = Certificate.objects.filter(pk__in=certificate_ids).select_related("person").order_by("pk")
    return notifications.send_certificate_mails(certificates)


@task
def send_revocation_mail(certificate_id: int) -> int:
    certificate = Certificate.objects.select_related("person").get(pk=certificate_id)
    return notifications.send_revocation_mail(certificate)


@task
def rerender_certificates_of_person(person_id: int):
    services.rerender_certificates_of_person(get_user_model().objects.get(pk=person_id))
