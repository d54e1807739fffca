from accounts.models import Profile


def get_profile(user):
    """Return the user's profile with its roles and organisations, or None."""
    return (
        Profile.objects.select_related("user")
        .prefetch_related("roles", "partner_organisations")
        .filter(user=user)
        .first()
    )
