import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model

PASSWORD = "Vorming-2026-Hasselt"


def make_participant(email="an@example.org", *, password=PASSWORD, verified=True, **fields):
    """A participant as allauth leaves one after sign-up and confirmation."""
    user = get_user_model().objects.create_user(username=email, email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@pytest.fixture
def participant(site):
    return make_participant()


def log_in(client, email, password=PASSWORD, **extra):
    return client.post("/account/login/", {"login": email, "password": password}, **extra)
