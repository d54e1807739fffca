"""WeasyPrint with what a worker process can share between documents.

Building a FontConfiguration loads the system's fonts through fontconfig and parsing a
stylesheet costs more than laying out a one-page document; neither holds anything of one
document. Made once per process, they keep batches fast and memory flat: made per
document, each PDF leaves about a quarter MiB behind that is never given back.

WeasyPrint also builds a URL fetcher per document unless it is given one, and that
fetcher's HTTPS handler loads the system's certificate authorities: 20 to 70 ms, more
than the layout of a certificate. The documents fetch nothing but data: URIs, so each
thread keeps one fetcher that allows only those.

Many documents of one kind (the certificates of an edition) are laid out together and
written one by one (`write_pdfs`): the HTML is parsed, the cascade set up and the images
decoded once for all of them, which takes about a third off each document.
"""

import functools
import threading
from itertools import pairwise

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from django.template.loader import render_to_string


@functools.cache
def font_configuration() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def stylesheet(template_name: str) -> CSS:
    return CSS(string=render_to_string(template_name), font_config=font_configuration())


_local = threading.local()


def url_fetcher() -> URLFetcher:
    # Per thread: a fetcher remembers the request it is opening between two calls.
    if not hasattr(_local, "url_fetcher"):
        _local.url_fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    return _local.url_fetcher


def write_pdf(html: str, *, stylesheet_name: str | None = None) -> bytes:
    """Lay out the HTML as a tagged PDF (its structure readable by screen readers) and return
    the bytes. The HTML carries everything it shows (images as data URIs): there is no base
    URL and nothing is fetched."""
    stylesheets = [stylesheet(stylesheet_name)] if stylesheet_name else []
    return HTML(string=html, url_fetcher=url_fetcher()).write_pdf(
        stylesheets=stylesheets, font_config=font_configuration(), pdf_tags=True
    )


def render_document(html: str, *, stylesheet_name: str | None = None):
    """Lay the HTML out as a tagged document and return it: its pages can be counted or
    split before document.write_pdf(pdf_tags=True) writes it."""
    stylesheets = [stylesheet(stylesheet_name)] if stylesheet_name else []
    return HTML(string=html, url_fetcher=url_fetcher()).render(
        stylesheets=stylesheets,
        font_config=font_configuration(),
        pdf_tags=True,
    )


class MissingSectionError(ValueError):
    """A section to write as its own PDF is not in the laid-out document."""


def write_pdfs(html: str, *, anchors: list[str], stylesheet_name: str | None = None) -> list[bytes]:
    """Lay the HTML out once and return one tagged PDF per section: the pages from the one
    holding the element with the anchor's id up to the next section's first page.

    The anchors must be ids in document order, each on the first element of a section
    that starts on a new page. Raise MissingSectionError when one is not found.
    """
    document = render_document(html, stylesheet_name=stylesheet_name)
    first_pages = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            first_pages.setdefault(anchor, number)
    try:
        starts = [first_pages[anchor] for anchor in anchors]
    except KeyError as error:
        raise MissingSectionError(error.args[0]) from None
    bounds = [*starts, len(document.pages)]
    return [document.copy(document.pages[start:end]).write_pdf(pdf_tags=True) for start, end in pairwise(bounds)]
