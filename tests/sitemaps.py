"""Reading the sitemap as a crawler does: the index at /sitemap.xml, then each file it names."""

import xml.etree.ElementTree as ET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SERVER = "http://testserver"


def sitemap_files(client):
    """The paths of the files the index names (`/sitemap-policies.xml?p=2`), in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return [loc.text.removeprefix(SERVER) for loc in tree.iter(f"{SITEMAP}loc")]


def sitemap_entries(client):
    """Every <url> element of every file the index names, by its <loc>."""
    entries = {}
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200, path
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
            entries[url.find(f"{SITEMAP}loc").text] = url
    return entries


def sitemap_text(client):
    """The bodies of every file the index names, one after the other."""
    return "".join(client.get(path).content.decode() for path in sitemap_files(client))
