"""A favicon, touch icons and a web manifest, all served from the portal itself."""

from django.contrib.staticfiles import finders


def test_every_page_names_its_icons_and_they_are_local(client, db):
    html = client.get("/").content.decode()
    for name in ["favicon.ico", "icon.svg", "apple-touch-icon.png", "site.webmanifest"]:
        assert f"/static/icons/{name}" in html
        assert finders.find(f"icons/{name}"), name


def test_favicon_ico_at_the_root_answers(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/icons/favicon.ico")
