"""Citation downloads: BibTeX, RIS and CSL-JSON for a record, a section, a policy, an initiative."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from guidance.models import Initiative, Policy, Section
from guidance.reading.citations import FORMATS, citation_metadata, cite_section
from guidance.rules import permissions
from guidance.views.common import country_or_404, record_or_404


def record_citation(request, code, year, fmt):
    record = record_or_404(request.user, country_or_404(code), year)
    url = request.build_absolute_uri(
        reverse("guidance:country-year", args=[record.country.code, year])
    )
    citation = citation_metadata(record, url, timezone.localdate())
    return _download(citation, fmt)


def section_citation(request, code, year, slug, fmt):
    record = record_or_404(request.user, country_or_404(code), year)
    section = get_object_or_404(Section, slug=slug)
    url = request.build_absolute_uri(
        reverse("guidance:record-section", args=[record.country.code, year, slug])
    )
    return _download(cite_section(record, section, url, timezone.localdate()), fmt)


def policy_citation(request, pk, fmt):
    return _item_citation(request, Policy, pk, fmt)


def initiative_citation(request, pk, fmt):
    return _item_citation(request, Initiative, pk, fmt)


def _item_citation(request, model, pk, fmt):
    """A published policy or initiative only: drafts are not citable, whoever asks."""
    item = get_object_or_404(permissions.citable(model.objects.select_related("country")), pk=pk)
    return _download(citation_metadata(item, item_url(request, item), timezone.localdate()), fmt)


def item_url(request, item):
    """The permanent address of a policy's or an initiative's page."""
    name = "guidance:policy" if isinstance(item, Policy) else "guidance:initiative"
    return request.build_absolute_uri(reverse(name, args=[item.pk]))


def _download(citation, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown citation format.")
    method, content_type = FORMATS[fmt]
    response = HttpResponse(getattr(citation, method)(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{fmt}"'
    return response
