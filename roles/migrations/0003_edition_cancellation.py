"""Give staff the right to cancel editions (courses.cancel_edition), which ends every
enrolment of the edition through enrolment.services.cancel_edition."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_edition_cancellation(apps, schema_editor):
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
        ("roles", "0002_edition_approval"),
        ("courses", "0009_edition_cancel_permission"),
    ]

    operations = [migrations.RunPython(grant_edition_cancellation, migrations.RunPython.noop)]
