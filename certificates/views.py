"""Verify a certificate by its code; download one's own certificates and learning record.

The verification page is public (its URL is printed on paper) and rate limited per
address; a certificate of someone else is a 404, like one that does not exist.
"""

from django_ratelimit.decorators import ratelimit

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from certificates import selectors
from certificates.forms import CertificateCodeForm
from certificates.rendering import render_learning_record

VERIFY_RATE = "30/m"
# Each request renders a PDF of every certificate the person holds: a handful for people,
# not a loop for a script.
LEARNING_RECORD_RATE = "10/h"


@require_safe
@ratelimit(key="ip", rate=VERIFY_RATE, block=False)
@cache_control(no_cache=True)
def verify(request, code):
    if request.limited:
        return render(request, "429.html", status=429)
    certificate = selectors.get_certificate_by_code(code)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    return render(request, "certificates/verify.html", {"certificate": certificate})


@require_safe
def verify_form(request):
    """Take a code typed over from paper to its verification page."""
    form = CertificateCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_form.html", {"form": form})


@require_safe
@login_required
@cache_control(private=True, no_store=True)
def download(request, code):
    certificate = selectors.get_own_certificate(request.user, code)
    if certificate is None or not certificate.pdf:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"attest-{certificate.code[:8]}.pdf",
    )


@require_safe
@login_required
@ratelimit(key="user", rate=LEARNING_RECORD_RATE, block=False)
@cache_control(private=True, no_store=True)
def learning_record(request):
    if request.limited:
        return render(request, "429.html", status=429)
    certificates = list(selectors.list_valid_certificates_of(request.user))
    if not certificates:
        raise Http404
    response = HttpResponse(render_learning_record(request.user, certificates), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="leerbewijs.pdf"'
    return response
