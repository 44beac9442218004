"""/healthz: the load balancer's liveness check."""

from django.test import Client


def test_healthz_answers_ok_as_plain_text_never_cached(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
