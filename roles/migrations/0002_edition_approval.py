"""Give the steering group the right to approve editions (courses.approve_edition), the
steering group and staff the right to set the thresholds of the Signalen report, staff
their rights on certificates and the steering group the right to view them.

ensure_role_permissions() grants every role's current permissions, so this migration
depends on every app whose permissions the roles hold.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_edition_approval(apps, schema_editor):
    # The new permissions only appear after the last migration (post_migrate); create it
    # now so the groups can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from roles.services import ensure_role_permissions

    ensure_role_permissions()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_roles_and_workflow"),
        ("courses", "0007_edition_approval"),
        ("steering", "0001_initial"),
        ("certificates", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_edition_approval, migrations.RunPython.noop)]
