"""/healthz answers a fixed JSON document without touching the database, never cached."""

import pytest


@pytest.mark.django_db
def test_healthz_is_tiny_and_needs_no_query(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "X-Cache" not in response
    assert "Content-Security-Policy" in response  # through the same middleware as the pages


@pytest.mark.django_db
def test_healthz_only_answers_get(anonymous):
    assert anonymous.post("/healthz").status_code == 405
