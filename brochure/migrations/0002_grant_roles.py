"""Give the roles their brochure permissions (roles.groups.ROLES): staff make and download
brochures, the steering group downloads them.

Only the brochure permissions, without depending on roles' migrations: those grant every
role's current permissions and must keep running after the other apps' migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_brochures(apps, schema_editor):
    from django.contrib.auth.models import Group, Permission

    from roles.groups import ROLES

    app_config = apps.get_app_config("brochure")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for name, role in ROLES.items():
        codenames = [label.split(".")[1] for label in role.model_permissions if label.startswith("brochure.")]
        if codenames:
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="brochure", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("brochure", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_brochures, migrations.RunPython.noop)]
