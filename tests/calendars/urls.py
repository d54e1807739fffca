"""The project's URLs plus the calendars app, until academy.urls includes it."""

from django.urls import include, path

from academy.urls import urlpatterns as academy_urlpatterns

urlpatterns = [path("", include("calendars.urls")), *academy_urlpatterns]
