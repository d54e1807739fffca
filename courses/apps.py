from django.apps import AppConfig
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

        page_cache.connect_invalidation()
        # Wagtail's signals, not its admin hooks: a move from the bulk action, the admin API or
        # Page.move() in a shell runs no after_move_page hook, and a live copy of a package
        # saves its courses without clean(); each of them sends these signals.
        post_page_move.connect(sync_placement_of_moved_or_published_page, dispatch_uid="courses_placement_moved")
        page_published.connect(sync_placement_of_moved_or_published_page, dispatch_uid="courses_placement_published")
