"""Whether the site holds demonstration content, and how every door says so.

One setting, INVENTORY_DEMO_CONTENT (README "Demo content"), decides it: while it is on,
pages show a banner, every response carries the X-Inventory-Demo header, and downloads,
feeds and citations call their content illustrative. Turned off, all of these go.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

HEADER = "X-Inventory-Demo"
NOTICE = _(
    "Illustrative demo content compiled from public sources: not a Cedefop record, "
    "not reviewed by national experts."
)


def is_demo():
    return bool(getattr(settings, "INVENTORY_DEMO_CONTENT", False))


def demo_notice():
    """The notice as text, or "" when the site holds real content."""
    return str(NOTICE) if is_demo() else ""


def notices(request):
    """Template context: the demo flag and a place for footnotes a page needs."""
    return {"demo_content": is_demo(), "page_footnotes": set()}


class DemoHeaderMiddleware:
    """Adds `X-Inventory-Demo: true` to every response while the content is a demo.

    Listed first, so a response served from the page cache gets it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_demo():
            response[HEADER] = "true"
        return response
