"""The project's URLs and error handlers plus views that always fail, in each way a view can."""

from django_ratelimit.decorators import ratelimit

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path

from academy.urls import handler400, handler403, handler404, handler429, handler500
from academy.urls import urlpatterns as academy_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler429", "handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("a bug in a view")


def forbidden_view(request):
    raise PermissionDenied


def missing_view(request):
    raise Http404


@ratelimit(key="ip", rate="1/m", block=True)
def limited_view(request):
    return HttpResponse("ok")


urlpatterns = [
    path("kapot/", broken_view),
    path("verboden/", forbidden_view),
    path("weg/", missing_view),
    path("beperkt/", limited_view),
    *academy_urlpatterns,
]
