import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.models import Trainer
from roles.services import ensure_role_permissions


@pytest.fixture
def roles(offer):
    """The offer with the roles' page permissions and workflow on its catalogue page."""
    ensure_role_permissions()
    return offer


@pytest.fixture
def make_member(db):
    def make(email, group_name, *, trainer=False):
        user = get_user_model().objects.create_user(username=email, email=email, password="wachtwoord-123")
        user.groups.add(Group.objects.get(name=group_name))
        if trainer:
            Trainer.objects.create(name=email.split("@")[0], user=user)
        return user

    return make
