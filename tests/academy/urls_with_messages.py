"""The project's URLs plus a page in the site's layout that shows one message of each level."""

from django.contrib import messages
from django.shortcuts import render
from django.urls import path

from academy.urls import handler400, handler403, handler404, handler429, handler500
from academy.urls import urlpatterns as academy_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler429", "handler500", "urlpatterns"]


def page_with_messages(request):
    messages.success(request, "Je bent ingeschreven.")
    messages.info(request, "Je sessie was verlopen. Probeer opnieuw.")
    messages.warning(request, "Deze editie is bijna volzet.")
    messages.error(request, "Dat is niet gelukt.")
    return render(request, "base.html")


urlpatterns = [path("berichten/", page_with_messages), *academy_urlpatterns]
