"""Let staff follow failed background tasks and retry them (academy.manage_backgroundtask)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_background_tasks(apps, schema_editor):
    # The new permission only appears after the last migration (post_migrate); create it
    # now so the group can be given it.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from roles.services import ensure_role_permissions

    ensure_role_permissions()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0003_edition_cancellation"),
        ("academy", "0003_sent_mail_and_background_tasks"),
    ]

    operations = [migrations.RunPython(grant_background_tasks, migrations.RunPython.noop)]
