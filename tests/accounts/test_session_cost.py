"""A session cookie costs nothing on a page that never asks who is there."""

import pytest

from tests.accounts.conftest import log_in

pytestmark = pytest.mark.urls("benchmarks.urls")


def test_a_session_cookie_loads_neither_session_nor_user_on_a_page_that_reads_neither(
    client, participant, django_assert_num_queries
):
    log_in(client, participant.email)

    with django_assert_num_queries(0):
        response = client.get("/bench/trivial/")

    assert response.status_code == 200
    assert response.content == b"ok"
