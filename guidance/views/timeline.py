"""/policies/timeline/: the stages of a filtered set of policies, by country, year by year.

It reads the browse page's query string through the same PolicyFilterSet and validation
(guidance/views/browse.py), so `/policies/timeline/?<query>` charts the published rows
among `/policies/?<query>` and `/api/v1/policies/?<query>` that have a stage year; a bad
parameter is the same 400, naming it. Rows are grouped by country, PAGE_SIZE policies a
page, so a page stays readable and its query count fixed; the CSV holds every row of the
filter, one line per policy and recorded year.
"""

from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render

from guidance.models import PolicyStageYear
from guidance.reading import csv_export, policy_timeline
from guidance.views.browse import POLICIES, filtered, url_with, without_blanks
from guidance.views.params import bad_request, page_number, page_or_404
from guidance.views.profile import STAGES_BY_YEAR

PAGE_SIZE = 50
CSV_HEADER = ("policy_id", "policy", "country", "country_name", "year", "stage", "stage_name")


def policy_timeline_page(request):
    cleaned = without_blanks(request.GET)
    if cleaned is not None:
        return redirect(url_with("guidance:policy-timeline", cleaned))
    filterset, errors = filtered(request, POLICIES)
    number, page_errors = page_number(request.GET)
    errors.update(page_errors)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "errors": errors,
        "query": query.urlencode(),
        "list_url": url_with("guidance:policies", query),
        "csv_url": url_with("guidance:policy-timeline-csv", query),
    }
    if errors:
        return render(request, "guidance/policy_timeline.html", context, status=400)
    page = page_or_404(
        _charted(filterset).select_related("country").prefetch_related(STAGES_BY_YEAR),
        PAGE_SIZE,
        number,
    )
    context |= {"page": page, "timeline": policy_timeline.of_policies(page.object_list)}
    return render(request, "guidance/policy_timeline.html", context)


def policy_timeline_csv(request):
    """Every stage year of every charted policy of the filter, not one page: streamed."""
    filterset, errors = filtered(request, POLICIES, allowed=frozenset())
    if errors:
        return bad_request(request, errors)
    stages = (
        PolicyStageYear.objects.filter(policy__in=_charted(filterset).values("pk"))
        .order_by("policy__country__name", "policy__title", "policy_id", "year")
        .values_list(
            "policy_id",
            "policy__title",
            "policy__country__code",
            "policy__country__name",
            "year",
            "stage",
        )
    )
    labels = {stage.code: stage.label for stage in policy_timeline.STAGES.values()}
    rows = (
        (pk, title, code, name, year, stage, str(labels[stage]))
        for pk, title, code, name, year, stage in stages.iterator()
    )
    return csv_export.streamed_attachment("policy-timeline.csv", CSV_HEADER, rows)


def _charted(filterset):
    """The filter's published policies that have a stage year, by country, then as sorted.

    Published only, whoever asks: this is the public's timeline, as the profile's is.
    """
    ordering = tuple(filterset.qs.query.order_by)
    return (
        filterset.qs.published()
        .filter(Exists(PolicyStageYear.objects.filter(policy=OuterRef("pk"))))
        .order_by("country__name", "country_id", *ordering, "title", "id")
    )
