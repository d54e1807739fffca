from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """The SQL queries of one GET through the whole middleware stack, which must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
