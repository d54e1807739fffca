import pytest


@pytest.fixture
def form_data():
    """A complete, valid submission of the public form."""
    return {
        "subject": "Hoe lees ik een gemeentebegroting?",
        "description": "Voor ons bestuur, vóór de gemeenteraadsverkiezingen.",
        "format": "avond",
        "audience": "vrijwilliger",
        "municipality": "Genk",
        "province": "limburg",
        "group_size": "15",
        "period": "voorjaar 2027",
        "organisation": "Femma Genk",
        "contact_name": "Ann Peeters",
        "contact_email": "ann@example.org",
        "contact_phone": "",
        "is_public": "on",
        "website": "",
    }
