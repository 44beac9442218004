"""robots.txt: crawlers may read the public pages, not the back office, APIs or account pages."""

import urllib.robotparser

from django.test import Client


def test_robots_txt_lets_crawlers_read_public_pages_only(client: Client, db: None) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=" in response["Cache-Control"]
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    for public in ("/", "/courses/", "/events/", "/community/", "/credentials/x"):
        assert robots.can_fetch("AnyBot", public), public
    for private in ("/admin/", "/api/v1/courses", "/accounts/login/", "/authoring/"):
        assert not robots.can_fetch("AnyBot", private), private


def test_robots_txt_answers_only_reading(client: Client, db: None) -> None:
    assert client.post("/robots.txt").status_code == 405
