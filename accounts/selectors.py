from accounts.models import Profile


def get_profile(user):
    """Return the user's profile with its roles and organisations, or None."""
    return (
        Profile.objects.select_related("user")
        .prefetch_related("roles", "partner_organisations")
        .filter(user=user)
        .first()
    )


def get_display_name(user) -> str:
    """Return what the site calls the person: their name, else their e-mail address.

    The e-mail address is the login; the username allauth generates from it ("fatima") is
    one the person never chose, so no page or mail shows it.
    """
    return user.get_full_name() or user.email
