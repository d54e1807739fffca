"""Create the role groups and, when the catalogue page already exists, their page
permissions and the steering group's moderation workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
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
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("academy", "0001_initial"),
        ("courses", "0004_edition_audiences"),
        ("enrolment", "0004_package_exemptions"),
        ("curation", "0001_initial"),
        ("materials", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
