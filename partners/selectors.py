"""Read what the partner pages, the embedded offer and the partner channel report show."""

from urllib.parse import urlencode

from django.db.models import Count, F, Prefetch, Q
from django.http import QueryDict

from wagtail.images import get_image_model
from wagtail.models import Site

from courses.models import Edition, PartnerOrganisation, Trainer
from courses.selectors import get_catalogue, get_offer_vocabulary, list_courses_of_partner
from enrolment.models import Enrolment
from partners import embedding

LOGO_FILTER = "max-240x120"


def _with_logo(partners):
    images = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
    return partners.prefetch_related(Prefetch("logo", queryset=images))


def list_partners():
    """Every partner organisation with its logo: the partners first, then the associated ones."""
    return _with_logo(PartnerOrganisation.objects.order_by("-kind", "name"))


def get_partner(slug):
    """Return the partner organisation with this slug, or None."""
    return _with_logo(PartnerOrganisation.objects.filter(slug=slug)).first()


def list_public_trainers_of(partner):
    """The trainers from the partner organisation who teach something public: a live course
    that is not retired, or a public edition. Only their Trainer records, which editors
    make for the public site; a person's own membership of a partner stays private."""
    teaching = Q(coursepage__live=True, coursepage__is_retired=False) | Q(
        edition__in=Edition.objects.public().values("pk")
    )
    public = Trainer.objects.filter(teaching).values("pk")
    return Trainer.objects.filter(organisation=partner, pk__in=public).order_by("name", "pk")


def get_partner_overview(partner):
    """What the partner's page shows: its courses, its upcoming editions (the catalogue
    filtered on the partner, with places left) and its trainers."""
    return {
        "courses": list(list_courses_of_partner(partner)),
        "catalogue": get_catalogue({"partner": partner.slug}),
        "trainers": list(list_public_trainers_of(partner)),
    }


def get_partner_channel_report():
    """Enrolments that came through a partner's channel, counted per partner and programme
    year: all of them, the active ones and the confirmed ones."""
    rows = (
        Enrolment.objects.filter(via_partner__isnull=False)
        .values("via_partner_id", "via_partner__name", "edition__programme_year_id", "edition__programme_year__name")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status__in=Enrolment.ACTIVE_STATUSES)),
            confirmed=Count("pk", filter=Q(status=Enrolment.Status.CONFIRMED)),
        )
        .order_by("via_partner__name", F("edition__programme_year__starts_on").desc(nulls_last=True))
    )
    return [
        {
            "partner": row["via_partner__name"],
            "programme_year": row["edition__programme_year__name"],
            "listing_query": urlencode(
                {"via_partner": row["via_partner_id"], "programme_year": row["edition__programme_year_id"] or ""}
            ),
            "total": row["total"],
            "active": row["active"],
            "confirmed": row["confirmed"],
        }
        for row in rows
    ]


def get_channel(params, *, partner_filter=""):
    """The partner whose channel an embedded offer or a feed is: the via parameter, else the
    catalogue's partner filter as read from the same query string, when it names a known
    partner; "" for none."""
    known = dict(get_offer_vocabulary()["partner"])
    via = params.get("via", "")
    if via in known:
        return via
    return partner_filter if partner_filter in known else ""


def _channel(params, catalogue):
    partner_facet = next(group for group in catalogue.facets if group.param == "partner")
    selected = partner_facet.selected_option
    return get_channel(params, partner_filter=selected.value if selected is not None else "")


def get_embedded_offer(params):
    """The offer for an iframe on a partner's site: the catalogue for these filters, each
    link going through the partner's via link when the filters name a partner."""
    catalogue = get_catalogue(params)
    channel = _channel(params, catalogue)

    def link(path):
        return embedding.via_path(channel, path) if channel else path

    return {
        "catalogue": catalogue,
        "channel": channel,
        "editions": [
            {"edition": edition, "url": link(f"{edition.course_url}#editie-{edition.pk}")}
            for edition in catalogue.page.object_list
        ],
        "catalogue_url": link(embedding.with_query(embedding.CATALOGUE_PATH, catalogue.query_without_page)),
    }


def get_share_page(params, *, request):
    """What a partner needs to put the offer on their site: the catalogue's filters, a
    partner to attribute enrolments to, the iframe HTML, its preview, a link and the feeds."""
    catalogue = get_catalogue(params)
    vocabulary = get_offer_vocabulary()
    channel = _channel(params, catalogue)
    query = QueryDict(catalogue.query_without_page, mutable=True)
    if query.get("sorteer") == "datum":
        # The default order, sent by the form: a shorter snippet without it.
        del query["sorteer"]
    if channel and params.get("via", "") == channel:
        query["via"] = channel
    query = query.urlencode()
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    embed_path = embedding.embed_path(query)
    catalogue_path = embedding.with_query(embedding.CATALOGUE_PATH, catalogue.query_without_page)
    return {
        "catalogue": catalogue,
        "partners": vocabulary["partner"],
        "channel": channel,
        "via": params.get("via", "") if params.get("via", "") == channel else "",
        "embed_path": embed_path,
        "iframe_html": embedding.iframe_html(root + embed_path),
        "link": root + (embedding.via_path(channel, catalogue_path) if channel else catalogue_path),
        "feeds": [{**feed, "url": root + feed["path"]} for feed in embedding.feed_links(query)],
    }
