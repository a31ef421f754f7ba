"""The interface language: named by the URL alone, and the same page's address in each language.

English pages keep their unprefixed URLs (/countries/IT/), the other languages add a prefix
(/fr/countries/IT/; inventory/urls.py). One URL therefore always serves one language, so a
cache may keep it without asking which language the reader's browser prefers: Django's
LocaleMiddleware already activates the URL's language (LANGUAGE_CODE without a prefix) but
still adds `Vary: Accept-Language` to unprefixed answers, which would split every cache entry
by each browser's header for nothing. PathLocaleMiddleware leaves that out.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils import translation


class PathLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, with the language taken from the URL and nowhere else."""

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def language_links(request):
    """The current page in each interface language, for the switcher and the hreflang links.

    Each item: the code, the language's own name for itself, the page's path in it, whether
    it is the language being read and whether it is the default (English, the x-default of
    the hreflang links). A page whose URL cannot be resolved (a 404) links each language's
    home page instead.
    """
    current = translation.get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            with translation.override(code):
                url = reverse("guidance:home")
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links
