"""generate_scale_data: counts right, reproducible by seed, refuses real content, bulk writes."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from guidance.data.scale_data import SYNTHETIC_MARK, SYNTHETIC_URL
from guidance.models import (
    Country,
    GuidanceSystem,
    IndicatorValue,
    Initiative,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    SectionEntry,
)
from tests.factories import make_policy

pytestmark = pytest.mark.django_db

SMALL = {"countries": 45, "collections": 5, "policies": 30, "initiatives": 20, "seed": 7}


def generate(**options):
    out = StringIO()
    call_command("generate_scale_data", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def fingerprint():
    """Content, not ids or timestamps: what the same seed must reproduce."""
    rows = [
        *Policy.objects.order_by("country__code", "title").values_list(
            "country__code", "title", "summary", "start_year", "end_year", "status"
        ),
        *PolicyStageYear.objects.order_by("policy__title", "year").values_list(
            "policy__title", "year", "stage"
        ),
        *Policy.sections.through.objects.order_by("policy__title", "section__slug").values_list(
            "policy__title", "section__slug"
        ),
        *Initiative.objects.order_by("country__code", "title").values_list("title", "summary"),
        *SectionEntry.objects.order_by(
            "system__country__code", "system__collection__year", "section__number"
        ).values_list("body", "completeness"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_counts_and_marks():
    output = generate()
    assert "policies: 30" in output
    assert Country.objects.filter(parent__isnull=True).count() == 45
    assert Country.objects.filter(code="XA", name="Synthetic country XA").exists()
    assert not Country.objects.filter(code="XK", name__startswith="Synthetic").exists()
    assert GuidanceSystem.objects.count() == 45 * 5
    assert set(GuidanceSystem.objects.values_list("contributors", flat=True)) == {SYNTHETIC_MARK}
    assert SectionEntry.objects.count() == 45 * 5 * 21
    assert IndicatorValue.objects.count() == 45 * 5 * 13
    assert Policy.objects.count() == 30
    assert Initiative.objects.count() == 20
    assert not Policy.objects.exclude(url__startswith=SYNTHETIC_URL).exists()
    # Several stages per policy, every policy classified and linked to organisations.
    for policy in Policy.objects.prefetch_related(
        "stages", "sections", "responsible_organisations"
    ):
        assert 2 <= len(policy.stages.all()) <= 5
        assert policy.sections.all()
        assert policy.responsible_organisations.all()
    # Every record's sections are written but a few, and most content is published.
    written = SectionEntry.objects.exclude(body="")
    assert written.count() > 0.8 * SectionEntry.objects.count()
    assert min(len(body) for body in written.values_list("body", flat=True)) > 200
    assert Policy.objects.filter(status=PublicationStatus.PUBLISHED).count() > 20


def test_the_same_seed_gives_the_same_content():
    with transaction.atomic():
        generate()
        first = fingerprint()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(seed=8)
        other = fingerprint()
        transaction.set_rollback(True)
    generate()
    assert fingerprint() == first
    assert other != first


def test_refuses_a_database_with_real_content(italy):
    make_policy(country=italy, title="A real policy", url="https://example.org/a-real-policy")
    with pytest.raises(CommandError, match="real"):
        generate()
    assert not GuidanceSystem.objects.exists()
    generate(force=True)
    assert Policy.objects.count() == 31


def test_refuses_to_run_twice_without_force():
    generate()
    with pytest.raises(CommandError, match="already holds synthetic"):
        generate()


def test_query_count_does_not_grow_with_the_content():
    """Bulk writes: twice the policies and initiatives, within a batch, same queries."""
    counts = []
    for size in (10, 20):
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            generate(countries=3, collections=2, policies=size, initiatives=size)
            transaction.set_rollback(True)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] < 1200  # nearly all of them the reference data loader's upserts
