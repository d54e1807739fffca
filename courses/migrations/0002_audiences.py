from django.db import migrations

AUDIENCE_CODES = ["vrijwilliger", "beroepskracht", "mandataris", "kandidaat-mandataris", "geinteresseerde"]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("courses", "Audience")
    for code in AUDIENCE_CODES:
        Audience.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
