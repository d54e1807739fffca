"""The project's URLs and error handlers plus a view that always fails."""

from django.urls import path

from academy.urls import handler500
from academy.urls import urlpatterns as academy_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("kapot/", broken_view), *academy_urlpatterns]
