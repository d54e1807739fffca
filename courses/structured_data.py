"""schema.org Course and CourseInstance data for search engines and partner sites."""

from django.conf import settings
from django.utils import timezone


def course_json_ld(course, editions):
    """Describe the course and its editions; pass only public editions (Edition.objects.public())."""
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": course.full_url,
        "inLanguage": "nl-BE",
        "provider": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        "hasCourseInstance": [_course_instance(edition) for edition in editions],
    }
    return data


def _course_instance(edition):
    sessions = list(edition.sessions.all())
    cancelled = edition.status == edition.Status.CANCELLED
    instance = {
        "@type": "CourseInstance",
        "name": str(edition),
        "courseMode": "online" if sessions and all(session.is_online for session in sessions) else "onsite",
        "offers": {
            "@type": "Offer",
            "price": str(edition.price),
            "priceCurrency": "EUR",
            "availability": _availability(edition, cancelled=cancelled),
        },
        "eventStatus": "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled",
    }
    if edition.starts_at:
        instance["startDate"] = timezone.localtime(edition.starts_at).isoformat()
    if edition.ends_at:
        instance["endDate"] = timezone.localtime(edition.ends_at).isoformat()
    venue = next((session.venue for session in sessions if session.venue), None)
    if venue:
        instance["location"] = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.street,
                "postalCode": venue.postcode,
                "addressLocality": venue.municipality,
                "addressCountry": "BE",
            },
        }
    return instance


def _availability(edition, *, cancelled):
    if cancelled:
        return "https://schema.org/Discontinued"
    return "https://schema.org/SoldOut" if edition.is_full else "https://schema.org/InStock"
