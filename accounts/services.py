from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Profile
from accounts.selectors import get_profile
from certificates.services import schedule_rerender_of_renamed_certificates


def create_profile(user, *, consent_given: bool) -> Profile:
    """Create the profile of a new account, recording the consent given at sign-up."""
    return Profile.objects.create(
        user=user,
        consent_given=consent_given,
        consent_given_at=timezone.now() if consent_given else None,
    )


def create_profile_without_account(person, *, phone: str) -> Profile:
    """Create the profile of a person staff enrolled without an account (by phone, at a desk)."""
    return Profile.objects.create(user=person, phone=phone)


def get_or_create_profile(user) -> Profile:
    """Return the user's profile, creating an empty one for accounts made before profiles existed."""
    profile = get_profile(user)
    if profile is not None:
        return profile
    try:
        with transaction.atomic():
            Profile.objects.create(user=user)
    except IntegrityError:
        # Two first requests of the same person raced; the other one created it.
        pass
    return get_profile(user)


def update_profile(
    profile: Profile,
    *,
    first_name: str,
    last_name: str,
    phone: str,
    municipality: str,
    roles,
    partner_organisations,
    accessibility_needs: str,
    dietary_needs: str,
    consent_given: bool,
    shares_participation: bool = False,
) -> Profile:
    """Save the person's own profile and name.

    Consent is recorded with the moment it was first given; withdrawing it is not done
    here, since the academy cannot keep enrolments without it. Letting one's organisations
    see one's participation is recorded with the moment it was given and withdrawn at once,
    forgetting that moment. A corrected name re-renders
    the person's valid certificates under the same codes, in the background.
    """
    user = profile.user
    with transaction.atomic():
        user.first_name = first_name
        user.last_name = last_name
        user.save(update_fields=["first_name", "last_name"])
        schedule_rerender_of_renamed_certificates(user)
        profile.phone = phone
        profile.municipality = municipality
        profile.accessibility_needs = accessibility_needs
        profile.dietary_needs = dietary_needs
        update_fields = ["phone", "municipality", "accessibility_needs", "dietary_needs", "updated_at"]
        if consent_given and not profile.consent_given:
            profile.consent_given = True
            profile.consent_given_at = timezone.now()
            update_fields += ["consent_given", "consent_given_at"]
        update_fields += _sharing_changes(profile, shares_participation)
        profile.save(update_fields=update_fields)
        profile.roles.set(roles)
        profile.partner_organisations.set(partner_organisations)
    return profile


def _sharing_changes(profile: Profile, shares_participation: bool) -> list[str]:
    if shares_participation == profile.shares_participation:
        return []
    profile.shares_participation = shares_participation
    profile.shares_participation_since = timezone.now() if shares_participation else None
    return ["shares_participation", "shares_participation_since"]
