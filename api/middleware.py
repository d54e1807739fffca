"""Answer the API and the feeds before the rest of the middleware stack.

A stored answer, a preflight, a 405 or a 429 needs neither the session, the user, the
language nor the CSRF check: api.delivery.answer_early() gives it after one cache round
trip. Everything else goes on to the view, which reuses what was read (no second read, no
second count against the rate limit); its answer is stored here, on the way out, with the
headers the middleware below added, so a stored answer carries the same headers as the first.
"""

from .delivery import answer_early, store_answer

PATH_PREFIXES = ("/api/",)
FEED_PATHS = ("/feeds/aanbod.atom", "/feeds/aanbod.ics")
# The answers hold nothing per user or per language (the site speaks Dutch only), so they
# vary on the encoding alone, whatever the middleware below added on the way out.
VARY = "Accept-Encoding"


def is_api_request(request):
    path = request.path_info
    return path.startswith(PATH_PREFIXES) or path in FEED_PATHS


class EarlyApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        response = answer_early(request)
        if response is not None:
            return response
        request.api_store_later = True
        response = self.get_response(request)
        stored = getattr(request, "api_entry", None)
        if stored is not None:
            store_answer(*stored, extra_headers=response.items())
        if not response.cookies:
            # A cookie set on the way out (none of the API's own) keeps its Vary: Cookie.
            response["Vary"] = VARY
        return response
