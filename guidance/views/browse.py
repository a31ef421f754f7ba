"""/policies/ and /initiatives/: faceted browse, its CSV download, and one page per item.

The rows are filtered by the same FilterSets as the API (guidance/filtersets.py) after
permissions.visible, so `/policies/?<query>` lists exactly the rows of
`/api/v1/policies/?<query>`; the page adds facet counts (each facet counted with the
other facets' filters only, see browse.facet_counts), snippets and pagination.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.api.serializers import InitiativeSerializer, PolicySerializer
from guidance.filtersets import InitiativeFilterSet, PolicyFilterSet
from guidance.models import Initiative, Policy, PolicyStage, PolicyStageYear
from guidance.query.params import split_values
from guidance.query.validation import PAGE_PARAMS, validate_params
from guidance.reading import csv_export, readable
from guidance.reading.browse import (
    INITIATIVE_FACETS,
    POLICY_FACETS,
    facet_counts,
    search_words,
    snippet,
    stage_timeline,
)
from guidance.reading.citations import citation_metadata
from guidance.reading.downloads import Dataset, csv_rows
from guidance.rules import permissions
from guidance.views.citations import item_url
from guidance.views.params import bad_request, page_number, page_or_404

PAGE_SIZE = 25


@dataclass(frozen=True)
class Kind:
    """What differs between browsing policies and browsing initiatives."""

    name: str
    title: object
    model: type
    filterset: type
    serializer: type
    readable: object  # user -> the rows they may read, with what is shown of them
    facets: tuple
    list_url: str
    csv_url: str
    detail_url: str
    api_url: str


POLICIES = Kind(
    name="policies",
    title=_("Policies"),
    model=Policy,
    filterset=PolicyFilterSet,
    serializer=PolicySerializer,
    readable=readable.policies,
    facets=POLICY_FACETS,
    list_url="guidance:policies",
    csv_url="guidance:policies-csv",
    detail_url="guidance:policy",
    api_url="guidance-api:policy-list",
)
INITIATIVES = Kind(
    name="initiatives",
    title=_("Initiatives"),
    model=Initiative,
    filterset=InitiativeFilterSet,
    serializer=InitiativeSerializer,
    readable=readable.initiatives,
    facets=INITIATIVE_FACETS,
    list_url="guidance:initiatives",
    csv_url="guidance:initiatives-csv",
    detail_url="guidance:initiative",
    api_url="guidance-api:initiative-list",
)


def policy_list(request):
    return _browse(request, POLICIES)


def initiative_list(request):
    return _browse(request, INITIATIVES)


def policy_csv(request):
    return _download(request, POLICIES)


def initiative_csv(request):
    return _download(request, INITIATIVES)


def filtered(request, kind, allowed=PAGE_PARAMS):
    """(filterset, errors) of the request's query, over the rows the reader may see."""
    rows = permissions.visible(kind.model.objects.all(), request.user)
    filterset, errors = validate_params(
        kind.filterset, request.GET, rows, request=request, allowed=allowed
    )
    return filterset, errors


def without_blanks(params):
    """The query without empty fields, as a search form sends them, or None if it has none."""
    kept = QueryDict(mutable=True)
    blank = False
    for name in params:
        values = [value for value in params.getlist(name) if value.strip()]
        blank = blank or len(values) != len(params.getlist(name))
        for value in values:
            kept.appendlist(name, value)
    return kept if blank else None


def _browse(request, kind):
    cleaned = without_blanks(request.GET)
    if cleaned is not None:
        return redirect(url_with(kind.list_url, cleaned))
    filterset, errors = filtered(request, kind)
    number, page_errors = page_number(request.GET)
    errors.update(page_errors)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "kind": kind,
        "form": filterset.form,
        "errors": errors,
        "query": query.urlencode(),
        "csv_url": url_with(kind.csv_url, query),
        "api_url": url_with(kind.api_url, query),
        "timeline_url": url_with("guidance:policy-timeline", query) if kind is POLICIES else "",
        "ordering": request.GET.get("ordering", ""),
        "search": request.GET.get("search", ""),
        "orderings": filterset.filters["ordering"].field.choices,
    }
    if errors:
        return render(request, "guidance/browse.html", context, status=400)
    rows = filterset.qs.select_related("country", _type_field(kind))
    if kind.model is Policy:
        rows = _with_latest_stage(rows)
    page = page_or_404(rows, PAGE_SIZE, number)
    words = search_words(request.GET.get("search"))
    chosen = {facet.param: split_values(request.GET, facet.param) for facet in kind.facets}
    context |= {
        "page": page,
        "items": [(_labelled(item), snippet(item.summary, words)) for item in page.object_list],
        "facets": facet_counts(filterset, kind.facets, chosen),
        "words": words,
    }
    return render(request, "guidance/browse.html", context)


def _labelled(item):
    """The label of a policy's latest stage, in the reader's language."""
    stage = getattr(item, "latest_stage", None)
    item.latest_stage_label = dict(PolicyStage.choices).get(stage, stage) if stage else ""
    return item


def _with_latest_stage(policies):
    """Each policy's latest recorded stage and its year, for the card's badge: two
    subqueries of the page's own query rather than a prefetch of every stage."""
    latest = PolicyStageYear.objects.filter(policy=OuterRef("pk")).order_by("-year")
    return policies.annotate(
        latest_stage=Subquery(latest.values("stage")[:1]),
        latest_stage_year=Subquery(latest.values("year")[:1]),
    )


def _type_field(kind):
    return "instrument_type" if kind.model is Policy else "initiative_type"


def _download(request, kind):
    """Every row of the current filter, not one page: streamed, so any size fits."""
    filterset, errors = filtered(request, kind, allowed=frozenset())
    if errors:
        return bad_request(request, errors)
    ordering = filterset.qs.query.order_by or kind.model._meta.ordering
    rows = kind.readable(request.user).filter(pk__in=filterset.qs.values("pk")).order_by(*ordering)
    dataset = Dataset(kind.name, kind.title, kind.serializer, lambda: rows)
    return csv_export.streamed_attachment(
        f"{kind.name}.csv", dataset.columns, csv_rows(dataset, request)
    )


def policy_detail(request, pk):
    policy = _visible_or_404(
        request,
        Policy.objects.select_related("country", "instrument_type").prefetch_related(
            "stages",
            "sections",
            "target_groups",
            "sectors",
            readable.linked_rows(request.user, Policy, "sources"),
            readable.linked_rows(request.user, Policy, "responsible_organisations"),
        ),
        pk,
    )
    initiatives = permissions.visible(
        policy.initiatives.select_related("country"), request.user
    ).order_by("title")
    context = {
        "item": policy,
        "kind": POLICIES,
        "initiatives": initiatives,
        "timeline": stage_timeline(policy.stages.all()),
        "citation": _citation(request, policy),
    }
    return render(request, "guidance/policy.html", context)


def initiative_detail(request, pk):
    initiative = _visible_or_404(
        request,
        Initiative.objects.select_related("country", "initiative_type").prefetch_related(
            "sections",
            "target_groups",
            "sectors",
            "delivery_modes",
            readable.linked_rows(request.user, Initiative, "sources"),
            readable.linked_rows(request.user, Initiative, "providers"),
        ),
        pk,
    )
    related = permissions.visible(
        initiative.related_policies.select_related("country"), request.user
    ).order_by("title")
    context = {
        "item": initiative,
        "kind": INITIATIVES,
        "policies": related,
        "citation": _citation(request, initiative),
    }
    return render(request, "guidance/initiative.html", context)


def _citation(request, item):
    """How to cite the item, when it may be cited: only once it is published."""
    if not item.is_published:
        return None
    return citation_metadata(item, item_url(request, item), timezone.localdate())


def _visible_or_404(request, queryset, pk):
    return get_object_or_404(permissions.visible(queryset, request.user), pk=pk)


def url_with(name, params):
    """The address of URL `name` with the query `params` (a QueryDict or a dict)."""
    query = params.urlencode() if hasattr(params, "urlencode") else urlencode(params, doseq=True)
    return reverse(name) + (f"?{query}" if query else "")
