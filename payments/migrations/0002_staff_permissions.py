"""Give Academiemedewerkers the payment permissions (roles.groups)."""

from django.db import migrations


def grant_payment_permissions(apps, schema_editor):
    from roles.services import grant_role_permissions_in_migration

    grant_role_permissions_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("roles", "0004_background_tasks"),
    ]

    operations = [migrations.RunPython(grant_payment_permissions, migrations.RunPython.noop)]
