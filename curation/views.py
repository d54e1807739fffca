from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from academy.client_address import client_address
from academy.post_only import require_post_or_go_back
from curation import selectors, services
from curation.exceptions import CourseRequestError
from curation.forms import CourseRequestForm
from curation.models import CourseRequest

# Counted per address in the shared cache, over every POST (a form with errors too):
# room for someone who corrects a few mistakes, not for a script.
REQUEST_RATE = "10/h"
SUPPORT_RATE = "30/m"
PUBLIC_PER_PAGE = 20


def person_or_address(group, request):
    return f"person:{request.user.pk}" if request.user.is_authenticated else client_address(group, request)


def _too_many(request):
    return render(request, "429.html", status=429)


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key=client_address, rate=REQUEST_RATE, method="POST", block=False)
def request_form(request):
    if request.method == "POST" and request.limited:
        return _too_many(request)
    form = CourseRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # A filled honeypot looks like success to the script and stores nothing.
        if not form.is_spam:
            services.submit_course_request(by=request.user, **form.submitted_fields())
        return redirect("curation:thanks")
    return render(request, "curation/course_request_form.html", {"form": form})


@require_safe
def thanks(request):
    return render(request, "curation/thanks.html")


@require_safe
def public_list(request):
    page = Paginator(selectors.list_public_requests(request.user), PUBLIC_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "curation/public_list.html", {"page": page, "course_requests": page.object_list})


def _request_in_public_list(request, request_id):
    return reverse("curation:public_list") + f"#vraag-{request_id}"


@require_post_or_go_back(_request_in_public_list)
@ratelimit(key=person_or_address, rate=SUPPORT_RATE, method="POST", block=False)
def support(request, request_id):
    if request.limited:
        return _too_many(request)
    try:
        course_request = selectors.get_public_request(request_id)
    except CourseRequest.DoesNotExist as error:
        raise Http404 from error
    back = reverse("curation:public_list") + f"#vraag-{course_request.pk}"
    if not request.user.is_authenticated:
        # After logging in, people come back to the request, not to this POST-only address.
        return redirect_to_login(back)
    try:
        services.support_course_request(course_request, person=request.user)
    except CourseRequestError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, _("Bedankt! Je steun voor deze vormingsvraag is geteld."))
    return redirect(back)
