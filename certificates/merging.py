"""Certificates in a merge of two records of one person (accounts.merging)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from academy.person_merge import MergeState, PersonRecords
from certificates import services
from certificates.models import Certificate


def _conflicts(kept, duplicate):
    """The duplicate's certificates for an edition or package kept has one for already."""
    kept_certificates = Certificate.objects.filter(person=kept)
    return Certificate.objects.filter(person=duplicate).filter(
        Q(kind=Certificate.Kind.EDITION, edition_id__in=kept_certificates.values("edition_id"))
        | Q(kind=Certificate.Kind.PACKAGE, package_id__in=kept_certificates.values("package_id"))
    )


class CertificateRecords(PersonRecords):
    order = 30

    def describe(self, kept, *, duplicate):
        count = Certificate.objects.filter(person=duplicate).count()
        if not count:
            return []
        lines = [_("%(count)s attesten gaan mee, met hun codes.") % {"count": count}]
        for certificate in _conflicts(kept, duplicate):
            lines.append(
                _("%(title)s: beide hebben een attest; dat van de andere persoon blijft geldig op zijn naam.")
                % {"title": certificate.title}
            )
        return lines

    def move(self, kept, *, duplicate, by, state: MergeState):
        moved = services.move_certificates_to_person(
            kept, duplicate=duplicate, keep_with_duplicate=_conflicts(kept, duplicate)
        )
        state.notes.append(_("%(count)s attesten verplaatst.") % {"count": moved})
