"""academy.urls behind one trivial view: the baseline every other target is compared with."""

from django.http import HttpResponse
from django.urls import path

from academy.urls import urlpatterns as academy_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *academy_urlpatterns]
