"""Wagtail's permission policies for editions and course material: the model permissions,
narrowed by the rules of roles.rules.

They are registered with Wagtail (roles.wagtail_hooks, materials.wagtail_hooks), and the
admin of courses asks them through Wagtail's registry, so courses never imports roles.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from roles import rules

OWN_OFFER_ACTIONS = {"view", "change", "delete"}


class EditionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for trainers to the editions they teach.

    Two actions of the approval round: 'submit' is for whoever may change the edition;
    'approve' (approving or asking for changes) needs courses.approve_edition and is never
    for someone who teaches the edition, so nobody approves their own.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "submit":
            return rules.may_edit_edition(user, instance)
        if action == "approve":
            return rules.may_approve_edition(user, instance)
        if action == "change":
            return rules.may_edit_edition(user, instance)
        if not self.user_has_permission(user, action):
            return False
        if action in OWN_OFFER_ACTIONS and rules.is_limited_to_own_offer(user):
            return rules.teaches_edition(user, instance)
        return True

    def instances_user_has_permission_for(self, user, action):
        if action == "approve":
            return rules.editions_approvable_by(user)
        if action in ("submit", "change"):
            return rules.editions_editable_by(user)
        return super().instances_user_has_permission_for(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= OWN_OFFER_ACTIONS and rules.is_limited_to_own_offer(user):
            return queryset.filter(pk__in=rules.editions_taught_by(user).values("pk"))
        return queryset


class CourseMaterialPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for trainers to the material of the courses they may edit."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in OWN_OFFER_ACTIONS - {"view"}:
            return rules.courses_with_material_editable_by(user).filter(pk=instance.course_id).exists()
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= OWN_OFFER_ACTIONS - {"view"} and rules.is_limited_to_own_offer(user):
            return queryset.filter(course__in=rules.courses_with_material_editable_by(user).values("pk"))
        return queryset
