"""Create the roles, their permissions and the steering group's moderation workflow."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import CatalogueIndexPage, CourseApprovalTask
from roles.groups import APPROVAL_TASK_NAME, ROLES, STEERING_GROUP, WORKFLOW_NAME


def _get_permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _existing_permissions(labels):
    """The permissions of the labels that exist yet: an older migration that calls
    ensure_role_permissions() runs before the apps added since (payments) have their
    permissions, and each such app's own migration calls it again once they exist."""
    query = Q()
    for label in labels:
        app_label, codename = label.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query)) if labels else []


@transaction.atomic
def ensure_role_permissions():
    """Create the role groups with their permissions and, once the catalogue page exists,
    their page permissions and the steering group's workflow on it.

    Only add what is missing, so it is safe to run again; return the catalogue's workflow,
    or None while there is no catalogue page.
    """
    groups = {}
    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_existing_permissions(role.model_permissions))
        groups[name] = group
        root_collection = Collection.get_first_root_node()
        if root_collection is not None:
            for label in role.collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_get_permission(label)
                )

    # Only the primary key: this also runs from a data migration, where later columns of
    # the page models may not exist yet.
    catalogue_id = CatalogueIndexPage.objects.values_list("pk", flat=True).first()
    if catalogue_id is None:
        return None

    for name, role in ROLES.items():
        for permission_type in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page_id=catalogue_id,
                permission=_get_permission(f"wagtailcore.{permission_type}_page"),
            )

    if CourseApprovalTask._meta.db_table not in connection.introspection.table_names():
        # An older migration runs this before courses has its approval task: the roles
        # migration that follows courses' (0006) makes the workflow.
        return None
    task = CourseApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = CourseApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(groups[STEERING_GROUP])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # Older databases hold Wagtail's plain group task here, which approves a course without
    # the editions proposed with it: the course task takes its place.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=catalogue_id, defaults={"workflow": workflow})
    return workflow


def grant_role_permissions_in_migration(apps, schema_editor=None):
    """From a data migration: create the permissions of the models that earlier
    migrations added, then give the roles theirs (ensure_role_permissions).

    Django creates a new model's permissions only after the last migration
    (post_migrate), too late for a migration that grants them.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_role_permissions()
