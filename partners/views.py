"""Public partner pages, the embeddable offer, the page to share it and the via links."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from enrolment.partner_channel import remember_partner_channel
from partners import embedding, selectors

# Any site may frame the embedded offer; every other page keeps X-Frame-Options: DENY.
FRAME_ANCESTORS = "frame-ancestors *"


def _not_found(request, message):
    return render(request, "partners/not_found.html", {"message": message}, status=404)


@require_safe
def partner_index(request):
    return render(request, "partners/partner_index.html", {"partners": selectors.list_partners()})


@require_safe
def partner_detail(request, slug):
    partner = selectors.get_partner(slug)
    if partner is None:
        return _not_found(request, _("Deze partnerorganisatie kennen we niet."))
    context = {"partner": partner, **selectors.get_partner_overview(partner)}
    context["catalogue_url"] = embedding.catalogue_path(partner.slug)
    return render(request, "partners/partner_detail.html", context)


@require_safe
@xframe_options_exempt
def embed_offer(request):
    response = render(request, "partners/embed_offer.html", selectors.get_embedded_offer(request.GET))
    response["Content-Security-Policy"] = FRAME_ANCESTORS
    return response


@require_safe
def share_offer(request):
    return render(request, "partners/share_offer.html", selectors.get_share_page(request.GET, request=request))


@require_safe
@never_cache
def via(request, slug):
    """Remember the partner's channel in the session and open a page of this site."""
    partner = selectors.get_partner(slug)
    if partner is None:
        return _not_found(request, _("Deze link verwijst naar een partnerorganisatie die we niet kennen."))
    target = request.GET.get("naar", "") or embedding.catalogue_path(partner.slug)
    if not embedding.is_local_path(target):
        return render(
            request,
            "partners/not_found.html",
            {"message": _("Deze link verwijst naar een andere website. Die openen we niet.")},
            status=400,
        )
    remember_partner_channel(request, partner)
    return redirect(target)
