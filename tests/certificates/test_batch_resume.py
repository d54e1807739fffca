"""A certificate batch stopped midway by a failure resumes where it stopped when it is
retried, and mails each holder once."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.tasks import TaskResultStatus

from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.tasks import issue_certificates_for_edition
from tests import factories
from tests.certificates.conftest import confirm
from tests.certificates.test_issuing import present_at_every_session

pytestmark = pytest.mark.usefixtures("database_tasks")


def run_again(result_id):
    """Put a finished task back in the queue, as a stuck-task sweep or a retry does."""
    DBTaskResult.objects.filter(pk=result_id).update(status=TaskResultStatus.READY)


def test_a_certificate_batch_stopped_midway_resumes_and_mails_each_holder_once(
    completed_edition, monkeypatch, run_worker, django_capture_on_commit_callbacks
):
    holders = 12  # two chunks of RENDER_CHUNK (10)
    for _ in range(holders):
        present_at_every_session(completed_edition, confirm(completed_edition, factories.make_person()))
    real_render = certificate_services.render_certificate_pdfs
    renders = []

    def render_failing_the_second_chunk_once(*args, **kwargs):
        renders.append(1)
        if len(renders) == 2:
            raise OSError(28, "No space left on device")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(certificate_services, "render_certificate_pdfs", render_failing_the_second_chunk_once)
    batch = issue_certificates_for_edition.enqueue(completed_edition.pk)

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()

    # The first chunk is issued; the batch waits to be retried.
    assert Certificate.objects.count() == 10
    assert DBTaskResult.objects.get(pk=batch.id).status == TaskResultStatus.READY

    DBTaskResult.objects.filter(pk=batch.id).update(run_after=DBTaskResult.objects.get(pk=batch.id).started_at)
    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run_worker()

    assert DBTaskResult.objects.get(pk=batch.id).status == TaskResultStatus.SUCCESSFUL
    assert Certificate.objects.count() == holders
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Certificate.objects.values_list("person__email", flat=True)
    )

    # The whole batch and its mails once more: nothing new, nobody mailed twice.
    run_again(batch.id)
    for result in DBTaskResult.objects.filter(task_path="certificates.tasks.send_certificate_mails"):
        run_again(result.pk)
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    assert Certificate.objects.count() == holders
    assert len(mail.outbox) == holders


def test_a_worker_killed_right_after_a_chunk_commits_loses_no_mail(completed_edition, run_worker):
    # A worker killed between a chunk's commit and its on-commit callbacks used to lose
    # that chunk's mail task: the resumed batch skips certificates that exist. Here the
    # callbacks never run at all, as if the process died right after each commit.
    holders = 12
    for _ in range(holders):
        present_at_every_session(completed_edition, confirm(completed_edition, factories.make_person()))
    batch = issue_certificates_for_edition.enqueue(completed_edition.pk)

    run_worker()
    assert Certificate.objects.count() == holders
    run_again(batch.id)
    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Certificate.objects.values_list("person__email", flat=True)
    )
