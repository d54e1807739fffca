"""WeasyPrint with what a worker process can share between documents.

Building a FontConfiguration loads the system's fonts through fontconfig and parsing a
stylesheet costs more than laying out a one-page document; neither holds anything of one
document. Made once per process, they keep batches fast and memory flat: made per
document, each PDF leaves about a quarter MiB behind that is never given back.

WeasyPrint also builds a URL fetcher per document unless it is given one, and that
fetcher's HTTPS handler loads the system's certificate authorities: 20 to 70 ms, more
than the layout of a certificate. The documents fetch nothing but data: URIs, so each
thread keeps one fetcher that allows only those.
"""

import functools
import threading

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
