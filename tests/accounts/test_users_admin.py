"""The admin's users listing names people by name and e-mail address, never by username."""

import re

from django.contrib.auth import get_user_model


def test_users_listing_shows_the_address_not_the_username(admin_client, site):
    # The username allauth generates from the address at sign-up.
    get_user_model().objects.create_user(
        username="fatima", email="fatima@example.org", first_name="Fatima", last_name="El Amrani"
    )

    html = admin_client.get("/admin/users/").content.decode()

    assert "Fatima El Amrani" in html
    assert "fatima@example.org" in html
    assert "E-mailadres" in html
    assert not re.search(r">\s*fatima\s*<", html)
