"""/policies/map/: the countries that have a published policy matching a browse filter.

The query string is the policy browse page's (/policies/?<query> → /policies/map/?<query>),
read by the same `PolicyFilterSet` and validated the same way, so a bad value is the same
friendly 400 page. Whoever asks, only published policies count: the map is the public
picture of a selection, and an expert's draft would make it disagree with what the page
cache serves to everyone else. Anonymous answers are cached by guidance/caching.py like any
page; readers with credentials are never served from it nor stored in it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from guidance.filtersets import PolicyFilterSet
from guidance.models import Country, Policy
from guidance.query.validation import validate_params
from guidance.reading.browse import POLICY_FACETS
from guidance.reading.home_map import MapRow, map_parts
from guidance.rules import permissions
from guidance.views.params import bad_request

OTHER_LABELS = {
    "search": gettext_lazy("Words"),
    "stage_year": gettext_lazy("Stage in year"),
    "start_year_min": gettext_lazy("Started in or after"),
    "start_year_max": gettext_lazy("Started in or before"),
    "end_year_min": gettext_lazy("Ended in or after"),
    "end_year_max": gettext_lazy("Ended in or before"),
    "updated_since": gettext_lazy("Updated since"),
}
POLICY_BANDS = [
    ("band-none", gettext_lazy("no matching published policy")),
    ("band-full", gettext_lazy("at least one matching published policy")),
]


def policy_map(request):
    published = permissions.visible(Policy.objects.all(), AnonymousUser())
    filterset, errors = validate_params(
        PolicyFilterSet, request.GET, published, request=request, allowed=frozenset()
    )
    if errors:
        return bad_request(request, errors)
    counts = dict(
        Policy.objects.filter(pk__in=filterset.qs.values("pk"))
        .order_by()
        .values("country")
        .annotate(matching=Count("pk"))
        .values_list("country", "matching")
    )
    rows = [_row(country, counts.get(country.pk, 0), request.GET) for country in _countries()]
    context = {
        **map_parts(rows, POLICY_BANDS),
        "selection": describe_selection(filterset, request.GET),
        "query": request.GET.urlencode(),
        "matching_countries": sum(1 for row in rows if row.band == "band-full"),
        "map_caption": _("Matching published policies, by country"),
        "map_detail_heading": _("Matching policies"),
    }
    return render(request, "guidance/policy_map.html", context)


def _countries():
    return Country.objects.order_by("name")


def _row(country, matching, params):
    labels = dict(POLICY_BANDS)
    band = "band-full" if matching else "band-none"
    url = ""
    if matching:
        query = params.copy()
        query.setlist("country", [country.code])
        url = f"{reverse('guidance:policies')}?{query.urlencode()}"
    detail = ngettext("%(count)d policy", "%(count)d policies", matching) % {"count": matching}
    return MapRow(country, band, labels[band], detail, url)


def describe_selection(filterset, params):
    """The filters given in `params`, as (label, values in words) pairs: what the map shows.

    Labelled as on the browse page (its facets' headings), named rows by their names.
    """
    labels = {facet.param: facet.label for facet in POLICY_FACETS} | OTHER_LABELS
    described = []
    for name in filterset.form.cleaned_data:
        value = filterset.form.cleaned_data[name]
        if name == "ordering" or name not in params or value in (None, ""):
            continue
        choices = dict(filterset.filters[name].extra.get("choices") or [])
        values = value if isinstance(value, list | tuple | QuerySet) else [value]
        words = ", ".join(str(choices.get(item, item)) for item in values)
        described.append((labels.get(name, name), words))
    return described
