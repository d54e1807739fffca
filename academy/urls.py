from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from academy import error_pages, views
from accounts.rate_limits import too_many_requests

handler400 = error_pages.bad_request
handler403 = error_pages.permission_denied
handler404 = error_pages.page_not_found
handler500 = error_pages.server_error
# Not a Django handler: allauth answers its rate limits with ROOT_URLCONF.handler429.
handler429 = too_many_requests

urlpatterns = [
    path("health/", views.health, name="health"),
    path("", include("api.urls")),
    path("", include("calendars.urls")),
    path("", include("certificates.urls")),
    path("mijn/", include("enrolment.urls")),
    path("mijn/betalen/", include("payments.urls")),
    path("vormingsvraag/", include("curation.urls")),
    path("lesgever/", include("teaching.urls")),
    path("", include("attendance.urls")),
    path("", include("partners.urls")),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    # Before the admin: reports answer a refused user with the site's 403 page (reports.views).
    path("admin/rapporten/", include("reports.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("materiaal/", include("materials.urls")),
    path("evaluatie/", include("evaluations.urls")),
    path("organisatie/", include("partner_contacts.urls")),
    path("sitemap.xml", sitemap),
    path("", include("brochure.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents are always served through their (checked) views.
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")
    urlpatterns += static(
        f"{settings.MEDIA_URL}original_images/", document_root=settings.MEDIA_ROOT / "original_images"
    )

urlpatterns += [path("", include(wagtail_urls))]
