"""Give the steering group and the staff their permissions on certificates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def add_certificate_permissions(apps, schema_editor):
    # On a fresh database the model permissions only appear after the last migration
    # (post_migrate); create them now so the groups can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from roles.services import ensure_role_permissions

    ensure_role_permissions()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_roles_and_workflow"),
        ("certificates", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_certificate_permissions, migrations.RunPython.noop)]
