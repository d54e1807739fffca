"""What a trainer may edit: only the courses and editions they teach."""

from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CoursePage
from roles.selectors import is_limited_to_own_offer, list_courses_taught_by, list_editions_taught_by

OWN_OFFER_ACTIONS = {"change", "delete"}


def user_may_edit_page(user, page):
    """Tell whether the user's role lets them edit or delete the page, on top of Wagtail's
    page permissions: a trainer only touches their own courses, never tracks or packages."""
    if not is_limited_to_own_offer(user):
        return True
    return isinstance(page.specific, CoursePage) and list_courses_taught_by(user).filter(pk=page.pk).exists()


def user_may_create_page(user, page_class):
    """Tell whether the user's role lets them create a page of this type: a trainer
    proposes courses, not tracks or packages."""
    return not is_limited_to_own_offer(user) or issubclass(page_class, CoursePage)


class EditionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for trainers to the editions they teach.

    Two actions of the approval round: 'submit' is for whoever may change the edition;
    'approve' (approving or asking for changes) needs courses.approve_edition and is never
    for someone who teaches the edition, so nobody approves their own.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "submit":
            return self.user_has_permission_for_instance(user, "change", instance)
        if not self.user_has_permission(user, action):
            return False
        if action == "approve":
            return not list_editions_taught_by(user).filter(pk=instance.pk).exists()
        if action in OWN_OFFER_ACTIONS and is_limited_to_own_offer(user):
            return list_editions_taught_by(user).filter(pk=instance.pk).exists()
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= OWN_OFFER_ACTIONS and is_limited_to_own_offer(user):
            return queryset.filter(pk__in=list_editions_taught_by(user).values("pk"))
        return queryset


class CourseMaterialPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for trainers to the material of the courses they teach."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in OWN_OFFER_ACTIONS and is_limited_to_own_offer(user):
            return list_courses_taught_by(user).filter(pk=instance.course_id).exists()
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= OWN_OFFER_ACTIONS and is_limited_to_own_offer(user):
            return queryset.filter(course__in=list_courses_taught_by(user).values("pk"))
        return queryset
