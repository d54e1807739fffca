"""Spare the view-restriction queries on sites that restrict no page.

Before it serves a page, Wagtail reads the view restrictions of the page and of each of
its ancestors: two queries on every page, for everyone. Whether any restriction exists at
all is kept per offer generation, and saving or deleting a restriction starts a new one
(which also takes a newly restricted page out of the anonymous page cache at once).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction

from academy.page_cache import get_for_generation, schedule_invalidation


def _any_view_restriction():
    return PageViewRestriction.objects.exists()


class ViewRestrictionsMixin:
    """For page models: no query for the view restrictions while the site has none."""

    def get_view_restrictions(self):
        if not get_for_generation("any-view-restriction", _any_view_restriction):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def connect_invalidation():
    for signal in (post_save, post_delete):
        signal.connect(
            schedule_invalidation,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"page_cache_view_restriction_{signal}",
        )
