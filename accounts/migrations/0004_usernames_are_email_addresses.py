"""Give accounts made by sign-up their e-mail address as username.

allauth derived a username from the address ("fatima"), which Wagtail's audit log showed
for people without a full name. An address held by two accounts keeps its old usernames.
"""

from django.db import migrations
from django.db.models import Count


def usernames_to_email_addresses(apps, schema_editor):
    User = apps.get_model("auth", "User")
    shared = set(
        User.objects.exclude(email="").values("email").annotate(n=Count("pk")).filter(n__gt=1).values_list("email", flat=True)
    )
    taken = set(User.objects.values_list("username", flat=True))
    for user in User.objects.exclude(email="").exclude(username__startswith="verwijderd-").iterator():
        if user.username == user.email or user.email in shared or user.email in taken:
            continue
        user.username = user.email
        user.save(update_fields=["username"])
        taken.add(user.email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profile_merge_people_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(usernames_to_email_addresses, migrations.RunPython.noop)]
