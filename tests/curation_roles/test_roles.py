"""The roles as groups: what each may do in the admin, and that setting them up is repeatable."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page, WorkflowPage

from courses.models import CatalogueIndexPage
from roles.groups import STAFF, STEERING_GROUP, TRAINERS, WORKFLOW_NAME
from roles.services import ensure_role_permissions


def page_permissions(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_migration_creates_the_role_groups_with_admin_access(db):
    for name in (STEERING_GROUP, TRAINERS, STAFF):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_roles_get_page_permissions_and_the_workflow_on_the_catalogue(roles):
    catalogue = roles["catalogue"]

    assert page_permissions(TRAINERS, catalogue) == {"add_page", "change_page"}
    assert page_permissions(STEERING_GROUP, catalogue) == {"add_page", "change_page", "publish_page"}
    assert {"add_page", "change_page", "publish_page", "bulk_delete_page"} <= page_permissions(STAFF, catalogue)
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == WORKFLOW_NAME
    assert roles["course"].get_workflow().name == WORKFLOW_NAME


def test_ensuring_the_roles_again_adds_nothing_twice(roles):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())

    ensure_role_permissions()

    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == counts


def test_roles_without_a_catalogue_page_get_model_permissions_only(db):
    assert ensure_role_permissions() is None
    assert Group.objects.get(name=STAFF).permissions.filter(codename="add_edition").exists()


def test_model_permissions_follow_the_roles(make_member, db):
    trainer = make_member("lesgever@example.org", TRAINERS)
    steering = make_member("stuurgroep@example.org", STEERING_GROUP)
    staff = make_member("medewerker@example.org", STAFF)

    assert trainer.has_perms(["courses.view_edition", "courses.change_edition"])
    assert not trainer.has_perm("courses.add_edition")
    assert not trainer.has_perm("enrolment.view_enrolment")
    assert steering.has_perms(["courses.view_edition", "enrolment.view_enrolment"])
    assert not steering.has_perm("courses.change_edition")
    assert staff.has_perms(
        [
            "courses.add_edition",
            "courses.change_edition",
            "enrolment.view_enrolment",
            "enrolment.add_enrolment",
            "enrolment.change_enrolment",
            "enrolment.add_packageexemption",
        ]
    )


def test_staff_can_unpublish_and_trainers_cannot(roles, make_member):
    course = roles["course"]
    staff = make_member("medewerker@example.org", STAFF)
    trainer = make_member("lesgever@example.org", TRAINERS)

    assert course.permissions_for_user(staff).can_unpublish()
    assert not course.permissions_for_user(trainer).can_unpublish()
    assert not course.permissions_for_user(trainer).can_publish()


def test_seed_demo_puts_the_demo_accounts_in_their_groups(client, db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    users = get_user_model().objects
    assert list(users.get(username="lesgever@example.org").groups.values_list("name", flat=True)) == [TRAINERS]
    assert list(users.get(username="stuurgroep@example.org").groups.values_list("name", flat=True)) == [STEERING_GROUP]
    staff = users.get(username="medewerker@example.org")
    assert list(staff.groups.values_list("name", flat=True)) == [STAFF]
    assert not staff.is_superuser
    catalogue = CatalogueIndexPage.objects.get()
    assert Page.objects.get(pk=catalogue.pk).get_workflow().name == WORKFLOW_NAME
    assert WorkflowPage.objects.filter(page=catalogue).count() == 1

    client.force_login(staff)
    assert client.get("/admin/editions/").status_code == 200
    assert client.get("/admin/enrolments/").status_code == 200
    assert client.get(f"/admin/pages/{catalogue.pk}/edit/").status_code == 200
