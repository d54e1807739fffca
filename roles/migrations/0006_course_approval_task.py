"""The steering group's workflow approves a course with the editions proposed along with it
(courses.CourseApprovalTask in place of Wagtail's plain group approval task)."""

from django.db import migrations


def use_course_approval_task(apps, schema_editor):
    from roles.services import grant_role_permissions_in_migration

    grant_role_permissions_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0005_evaluation_questions"),
        ("courses", "0013_course_approval_task"),
    ]

    operations = [migrations.RunPython(use_course_approval_task, migrations.RunPython.noop)]
