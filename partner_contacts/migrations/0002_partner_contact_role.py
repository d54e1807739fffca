"""Create the Partnercontacten group and let staff name partner contacts.

On a fresh database the roles' migrations may have run before this app's models existed
(roles.services leaves such permissions out): grant them now."""

from django.db import migrations

from roles.services import grant_role_permissions_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("partner_contacts", "0001_initial"),
        ("roles", "0004_background_tasks"),
    ]

    operations = [migrations.RunPython(grant_role_permissions_in_migration, migrations.RunPython.noop)]
