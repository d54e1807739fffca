"""The partner channel a visitor came through, remembered in their session until they enrol.

A partner's embedded offer, feed or link sends the visitor through /via/<partner>/ (the
partners app), which remembers the partner here; the enrol view reads it back and
enrol() records it on the enrolment. The session, not a query parameter, carries it:
cached pages are shared between visitors, a session is not. Django's login() keeps the
session's data when an anonymous visitor logs in (it only cycles the key), so the
partner survives sign-up and login.
"""

from courses.models import PartnerOrganisation

SESSION_KEY = "academy:via_partner"


def remember_partner_channel(request, partner: PartnerOrganisation) -> None:
    """Remember that the visitor came through the partner's channel; a later channel wins."""
    request.session[SESSION_KEY] = partner.pk


def get_partner_channel(request) -> PartnerOrganisation | None:
    """Return the partner whose channel brought the visitor, or None."""
    partner_id = request.session.get(SESSION_KEY)
    if not isinstance(partner_id, int):
        return None
    return PartnerOrganisation.objects.filter(pk=partner_id).first()
