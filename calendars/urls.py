from django.urls import path, re_path

from . import views

app_name = "calendars"

urlpatterns = [
    path("agenda/editie/<int:edition_id>.ics", views.edition_calendar_download, name="edition_calendar"),
    path("mijn/agenda/", views.calendar_feed, name="calendar_feed"),
    path("mijn/agenda/vernieuwen/", views.renew_calendar_feed, name="renew_feed"),
    re_path(r"^mijn/agenda/(?P<token>[A-Za-z0-9_-]+)\.ics$", views.personal_feed, name="personal_feed"),
]
