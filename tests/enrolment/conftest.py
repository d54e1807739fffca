import pytest

from tests.factories import make_person


@pytest.fixture
def person(db):
    return make_person("dina@example.org")


@pytest.fixture
def logged_in(client, person):
    client.force_login(person)
    return client
