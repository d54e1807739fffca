"""Background work of the offer: the mails about the approval of editions, sent after commit."""

from django.tasks import task

from courses import notifications
from courses.models import EditionReview


@task
def send_edition_decision(review_id: int):
    review = EditionReview.objects.select_related("edition__course", "by").get(pk=review_id)
    notifications.send_edition_decision(review)


@task
def send_edition_submitted(review_id: int):
    review = EditionReview.objects.select_related("edition__course", "by").get(pk=review_id)
    notifications.send_edition_submitted(review)
