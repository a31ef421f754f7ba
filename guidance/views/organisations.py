"""/organisations/: the register of actors, filterable by type and country; one actor's page.

The register is filtered by the API's OrganisationFilterSet, so `/organisations/?<query>`
lists the rows of `/api/v1/organisations/?<query>`.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from guidance.filtersets import OrganisationFilterSet
from guidance.models import Country, Initiative, OrganisationType, Policy
from guidance.query.validation import PAGE_PARAMS, validate_params
from guidance.reading import readable
from guidance.rules import permissions
from guidance.views.common import visible_records
from guidance.views.params import page_number, page_or_404

PER_PAGE = 50
# An acronym shorter than this ("AK", "BA") matches too many words in section texts.
MIN_ACRONYM_MENTION = 3


def organisation_list(request):
    filterset, errors = validate_params(
        OrganisationFilterSet,
        request.GET,
        _visible_organisations(request.user),
        request=request,
        allowed=PAGE_PARAMS,
    )
    number, page_errors = page_number(request.GET)
    errors.update(page_errors)
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    context = {
        "types": OrganisationType.objects.all(),
        "countries": Country.objects.filter(
            organisations__in=_visible_organisations(request.user)
        ).distinct(),
        "type_code": request.GET.get("type", ""),
        "country_code": request.GET.get("country", ""),
        "search": request.GET.get("search", ""),
        "errors": errors,
        "query": query,
        "api_url": reverse("guidance-api:organisation-list") + (f"?{query}" if query else ""),
    }
    if errors:
        return render(request, "guidance/organisations.html", context, status=400)
    context["page"] = page_or_404(filterset.qs, PER_PAGE, number)
    return render(request, "guidance/organisations.html", context)


def organisation_detail(request, pk):
    organisation = get_object_or_404(_visible_organisations(request.user), pk=pk)
    policies = permissions.visible(
        Policy.objects.filter(responsible_organisations=organisation), request.user
    ).select_related("country")
    initiatives = permissions.visible(
        Initiative.objects.filter(providers=organisation), request.user
    ).select_related("country")
    context = {
        "organisation": organisation,
        "policies": policies,
        "initiatives": initiatives,
        "records": _records_mentioning(organisation, request.user),
    }
    return render(request, "guidance/organisation.html", context)


def _visible_organisations(user):
    return readable.organisations(user)


def _records_mentioning(organisation, user):
    """Records of the organisation's own state whose section texts name it, newest first.

    Every organisation belongs to one country, and names repeat across countries (each has
    a "Ministry of Education"), so only a record of the same state counts as a mention: of
    the organisation's country, of the country it is part of, or of one of its sub-national
    entities (the Flemish record naming a Belgian federal body). A record of another
    country naming the same words is about that country's namesake.
    """
    mention = Q(entries__body__icontains=organisation.name)
    if len(organisation.acronym) >= MIN_ACRONYM_MENTION:
        mention |= Q(entries__body__contains=organisation.acronym)
    same_state = Q(country=organisation.country_id) | Q(country__parent=organisation.country_id)
    if organisation.country.parent_id:
        same_state |= Q(country=organisation.country.parent_id)
    return (
        visible_records(user)
        .filter(same_state)
        .filter(mention)
        .select_related("country", "collection")
        .distinct()
        .order_by("country__name", "-collection__year")
    )
