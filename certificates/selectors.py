"""Read certificates: a person's own, one by its code, what the PDF is made from."""

from dataclasses import dataclass

from django.conf import settings

from wagtail.models import Site

from academy.models import SiteSettings
from certificates.models import Certificate


@dataclass(frozen=True)
class Issuer:
    settings: SiteSettings
    site_url: str

    @property
    def name(self):
        return self.settings.academy_name


def get_issuer() -> Issuer:
    """The academy as it signs certificates: the default site's settings and address."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Issuer(SiteSettings(academy_name=settings.WAGTAIL_SITE_NAME), "")
    site_settings = SiteSettings.objects.select_related("logo").filter(site=site).first() or SiteSettings.for_site(site)
    return Issuer(site_settings, site.root_url)


def holder_name_of(person) -> str:
    return person.get_full_name() or person.email or person.get_username()


def list_certificates_of(person):
    return Certificate.objects.filter(person=person).select_related("edition", "package")


def get_certificate_by_code(code: str):
    return Certificate.objects.filter(code=code.strip().lower()).first()


def list_valid_certificates_of(person):
    return list_certificates_of(person).valid().order_by("issued_at", "pk")


def get_own_certificate(person, code: str):
    """The person's own certificate by its code, revoked ones excluded: nobody downloads
    another's certificate, nor a revoked one."""
    return list_certificates_of(person).valid().filter(code=code.strip().lower()).first()
