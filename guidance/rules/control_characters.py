"""Requests whose path or query string holds a control character are refused at the door.

No country code, slug, year, search word or other value of this site holds a control
character, and none of its links or forms writes one. PostgreSQL refuses NUL in any
text it is sent, so a NUL that reached a lookup (`/countries/I%00T/`, `/search/?q=%00`,
a feed, an API detail) was a 500; the other controls (escape, backspace, line breaks,
DEL, the C1 range) only come from probes and garble logs and terminals. Checking them
per view would miss the next view, so this middleware checks each request once, before
URL resolution, any view or any query. Tab is allowed: pasted into a search box, it is
only white space.

A path holding one names nothing: 404, as for any other address that names nothing (and
as the API's schema promises for its path parameters). A parameter holding one is a 400
naming it, on the friendly 400 page, or as JSON under /api/ like the API's own 400s.
The middleware sits below those that add the security headers and the CSP and choose
the language, so its answers carry them like any other page.
"""

import re

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from guidance.views.params import bad_request

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
API_PREFIX = "/api/"


def control_character(text):
    """The first control character in `text` (tab aside), or None."""
    found = CONTROL_CHARACTER.search(text)
    return found.group() if found else None


def visible(text, limit=50):
    """`text` with its control characters written out (\\x00), to name it on a page."""
    return CONTROL_CHARACTER.sub(lambda found: f"\\x{ord(found.group()):02x}", text[:limit])


def parameter_errors(params):
    """A message per parameter whose name or a value holds a control character."""
    errors = {}
    for name, values in params.lists():
        character = control_character(name) or next(
            filter(None, map(control_character, values)), None
        )
        if character is not None:
            errors[visible(name)] = [
                _("Remove the control character U+%(code)04X: no value here holds one.")
                % {"code": ord(character)}
            ]
    return errors


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith(API_PREFIX)
        if control_character(request.path):
            if api:
                return JsonResponse({"detail": _("Not found.")}, status=404)
            raise Http404("The address holds a control character.")
        errors = parameter_errors(request.GET)
        if errors:
            return JsonResponse(errors, status=400) if api else bad_request(request, errors)
        return self.get_response(request)
