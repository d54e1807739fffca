"""Small builders for course requests."""

from curation.models import CourseRequest

_defaults = {
    "subject": "Hoe lees ik een gemeentebegroting?",
    "municipality": "Genk",
    "province": "limburg",
    "group_size": 15,
    "period": "voorjaar 2027",
    "organisation": "Femma Genk",
    "contact_name": "Ann Peeters",
    "contact_email": "ann@example.org",
}


def make_request(**fields):
    """A stored course request, made directly: the services are what the tests exercise."""
    return CourseRequest.objects.create(**{**_defaults, **fields})
