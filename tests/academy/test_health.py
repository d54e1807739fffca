def test_health_answers_ok_when_database_and_cache_answer(client, db):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_refuses_writes(client, db):
    assert client.post("/health/").status_code == 405
