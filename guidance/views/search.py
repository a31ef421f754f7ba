"""/search/?q=: ranked hits across the inventory, filtered by country and kind."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidance.caching import content_generation
from guidance.models import Country
from guidance.query.params import split_values
from guidance.reading.designations import KOSOVO
from guidance.reading.search_cache import search_results
from guidance.reading.site_search import KIND_KEYS, KINDS, Results, suggestions
from guidance.rules.control_characters import control_character
from guidance.views.params import param_errors

MAX_QUERY = 200
PARAMS = ("q", "country", "type")


def site_search(request):
    """The form and the hits. Two fragments are cached under the public content generation:
    the hit list (its key from search_cache) and the country choices; Kosovo's footnote,
    which the choices' asterisk asks for, is asked for outside the cached fragment."""
    words = request.GET.get("q", "").strip()
    countries = list(Country.objects.only("code", "name").order_by("name"))
    codes = {country.code for country in countries}
    chosen_countries = [code.upper() for code in split_values(request.GET, "country")]
    chosen_kinds = split_values(request.GET, "type")
    errors = param_errors(request.GET, PARAMS, several={"country", "type"})
    if len(words) > MAX_QUERY:
        errors["q"] = [_("Search for at most %(count)d characters.") % {"count": MAX_QUERY}]
    elif control_character(words):
        errors["q"] = [_("Search for words, without control characters.")]
    unknown = [code[:10] for code in chosen_countries if code not in codes]
    if unknown:
        errors["country"] = [
            ngettext(
                "Unknown country code: %(codes)s.",
                "Unknown country codes: %(codes)s.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown[:10])}
        ]
    bad_kinds = [kind[:20] for kind in chosen_kinds if kind not in KIND_KEYS]
    if bad_kinds:
        errors["type"] = [
            _("Unknown type: %(types)s. Choose from %(keys)s.")
            % {"types": ", ".join(bad_kinds[:10]), "keys": ", ".join(KIND_KEYS)}
        ]
    results = Results(hits=[])
    if words and not errors:
        results = search_results(
            words,
            countries=[country for country in countries if country.code in chosen_countries],
            kinds=chosen_kinds or KIND_KEYS,
        )
    context = {
        "q": words,
        "hits": results.hits,
        "hits_key": results.key,
        "matched": results.matched,
        "capped": results.capped,
        "candidates": results.candidates,
        "errors": errors,
        "countries": countries,
        "generation": content_generation(),
        "marked_country": next((c for c in countries if c.code == KOSOVO), None),
        "chosen_countries": chosen_countries,
        "kinds": KINDS,
        "chosen_kinds": chosen_kinds,
        "suggestions": suggestions(words) if words and not results.hits and not errors else [],
    }
    return render(request, "guidance/search.html", context, status=400 if errors else 200)
