"""/search/?q=: ranked hits across the inventory, filtered by country and kind."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from guidance.filtersets import split_values
from guidance.models import Country
from guidance.site_search import KIND_KEYS, KINDS, search, suggestions

MAX_QUERY = 200


def site_search(request):
    words = request.GET.get("q", "").strip()
    countries = list(Country.objects.order_by("name"))
    codes = {country.code for country in countries}
    chosen_countries = [code.upper() for code in split_values(request.GET, "country")]
    chosen_kinds = split_values(request.GET, "type")
    errors = []
    if len(words) > MAX_QUERY:
        errors.append(_("Search for at most %(count)d characters.") % {"count": MAX_QUERY})
    unknown = [code for code in chosen_countries if code not in codes]
    if unknown:
        errors.append(_("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)})
    bad_kinds = [kind for kind in chosen_kinds if kind not in KIND_KEYS]
    if bad_kinds:
        errors.append(_("Unknown type: %(types)s.") % {"types": ", ".join(bad_kinds)})
    hits = []
    if words and not errors:
        hits = search(
            words,
            countries=[country for country in countries if country.code in chosen_countries],
            kinds=chosen_kinds or KIND_KEYS,
        )
    context = {
        "q": words,
        "hits": hits,
        "errors": errors,
        "countries": countries,
        "chosen_countries": chosen_countries,
        "kinds": KINDS,
        "chosen_kinds": chosen_kinds,
        "suggestions": suggestions(words) if words and not hits and not errors else [],
    }
    return render(request, "guidance/search.html", context, status=400 if errors else 200)
