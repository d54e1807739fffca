from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from academy.background_task_views import (
    BackgroundTaskListView,
    RetryBackgroundTaskView,
    may_manage_background_tasks,
)


class BackgroundTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_background_tasks(request.user)


@hooks.register("register_admin_urls")
def register_background_task_urls():
    return [
        path("achtergrondtaken/", BackgroundTaskListView.as_view(), name="academy_background_tasks"),
        path("achtergrondtaken/opnieuw/", RetryBackgroundTaskView.as_view(), name="academy_retry_background_tasks"),
        path(
            "achtergrondtaken/<uuid:task_id>/opnieuw/",
            RetryBackgroundTaskView.as_view(),
            name="academy_retry_background_task",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_background_tasks_menu_item():
    return BackgroundTasksMenuItem(
        _("Achtergrondtaken"), reverse("academy_background_tasks"), icon_name="warning", order=900
    )


@hooks.register("register_log_actions")
def register_background_task_log_actions(actions):
    actions.register_action(
        "academy.task.retry", _("Taak opnieuw geprobeerd"), _("Mislukte of vastgelopen achtergrondtaak opnieuw gepland")
    )


@hooks.register("insert_global_admin_css")
def readable_admin_messages():
    return format_html('<link rel="stylesheet" href="{}">', static("academy/css/admin.css"))
