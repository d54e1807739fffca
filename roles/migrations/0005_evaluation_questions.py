"""Let staff set the evaluation questions per programme year (evaluations.*_questionset)."""

from django.db import migrations


def grant_evaluation_questions(apps, schema_editor):
    from roles.services import grant_role_permissions_in_migration

    grant_role_permissions_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0004_background_tasks"),
        ("evaluations", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_evaluation_questions, migrations.RunPython.noop)]
