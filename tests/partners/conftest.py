import pytest

from courses.models import Edition, PartnerOrganisation, Trainer
from tests import factories


@pytest.fixture
def partner_offer(offer):
    """ACV co-organises a course with two upcoming editions (one full) and a retired course;
    Femma co-organises the offer's course. Trainers: one from ACV on a live course, one from
    ACV who teaches nothing public, one from Femma."""
    acv = PartnerOrganisation.objects.create(
        name="ACV",
        slug="acv",
        website="https://www.acv-online.be/",
        description="De christelijke vakbond, met vrijwilligers in elke gemeente.",
    )
    femma = factories.make_partner("Femma")
    course = factories.make_course(offer["basic"], title="Samen actie voeren", partners=(acv,))
    full = factories.make_edition(course, starts_in_days=20, province="antwerpen", capacity=2)
    factories.fill_edition(full)
    open_edition = factories.make_edition(course, starts_in_days=40, province="limburg", capacity=12)
    factories.make_edition(course, starts_in_days=50, status=Edition.Status.DRAFT)
    retired = factories.make_course(offer["basic"], title="Oude vorming", partners=(acv,), is_retired=True)
    offer["course"].partner_organisations.set([femma])
    offer["course"].save_revision().publish()
    public_trainer = Trainer.objects.create(name="Ann Lesgever", organisation=acv)
    course.trainers.set([public_trainer])
    course.save_revision().publish()
    hidden_trainer = Trainer.objects.create(name="Bart Zonderles", organisation=acv)
    retired.trainers.set([hidden_trainer])
    retired.save_revision().publish()
    Trainer.objects.create(name="Fien Femma", organisation=femma)
    return {
        **offer,
        "acv": acv,
        "femma": femma,
        "acv_course": course,
        "full_edition": full,
        "open_edition": open_edition,
        "retired_course": retired,
    }
