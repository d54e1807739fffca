from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def sync_placement_of_moved_or_published_page(sender, instance, **kwargs):
    """Keep the track and package of the courses at or below a moved or published page."""
    from courses.models import CoursePage, PackagePage
    from courses.services import sync_course_placement

    if issubclass(sender, (CoursePage, PackagePage)):
        sync_course_placement(instance)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Aanbod")

    def ready(self):
        from wagtail.signals import page_published, post_page_move

        from academy import page_cache
        from courses.catalogue_index import forget_places_left
        from courses.filters import CatalogueFilterSet

        page_cache.connect_invalidation()
        page_cache.vary_on_query_parameters(*CatalogueFilterSet.base_filters, "pagina")
        # Enrolments do not invalidate the offer pages (academy/page_cache.py); they only make
        # the catalogue read the places left anew. A model label, not an import: enrolment
        # sits above courses.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_places_left, sender="enrolment.Enrolment", dispatch_uid=f"courses_places_left_{signal}"
            )
        # Wagtail's signals, not its admin hooks: a move from the bulk action, the admin API or
        # Page.move() in a shell runs no after_move_page hook, and a live copy of a package
        # saves its courses without clean(); each of them sends these signals.
        post_page_move.connect(sync_placement_of_moved_or_published_page, dispatch_uid="courses_placement_moved")
        page_published.connect(sync_placement_of_moved_or_published_page, dispatch_uid="courses_placement_published")
