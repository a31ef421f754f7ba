"""`make bench`'s campaign cast: national experts with a draft each, records in review, an editor.

The campaign scenario (bench/campaign.py) needs what a real collection campaign has: an
open collection, one national expert per country writing that country's draft record, and
records waiting in review for the editor to publish. Running it again resets the same
cast (records the previous run published go back to review), so every run starts alike.
It only runs on a database of scale data (`generate_scale_data`): the accounts share one
known password.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from rest_framework.authtoken.models import Token

from guidance.caching import bump_generation
from guidance.data.scale_data import real_content_exists, synthetic_content_exists
from guidance.models import Collection, CollectionStatus, GuidanceSystem, PublicationStatus
from guidance.rules.opening import open_collection
from guidance.rules.roles import ensure_role_groups

BENCH_PASSWORD = "bench-only-campaign-2026"
EDITOR = "bench-editor"


class Command(BaseCommand):
    help = (
        "Prepare the benchmark's campaign on scale data: an open collection, EXPERTS national "
        "experts each with a draft record (and its first written section entry), the other "
        "records in review, an editor with an API token. Prints the cast as JSON. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=int, default=40)

    def handle(self, *args, experts, **options):
        if real_content_exists() or not synthetic_content_exists():
            raise CommandError(
                "The campaign cast is only created on scale data (manage.py generate_scale_data)."
            )
        with transaction.atomic():
            collection = self._open_collection()
            records = list(
                GuidanceSystem.objects.filter(collection=collection, revision_of__isnull=True)
                .select_related("country")
                .order_by("country__code")
            )
            editors, expert_group = ensure_role_groups()
            cast = {
                "password": BENCH_PASSWORD,
                "year": collection.year,
                "experts": [self._expert(record, expert_group) for record in records[:experts]],
                "in_review": [self._in_review(record) for record in records[experts:]],
                "editor": self._editor(editors),
            }
        bump_generation()
        self.stdout.write(json.dumps(cast))

    def _open_collection(self):
        collection = Collection.objects.filter(status=CollectionStatus.OPEN).order_by("-year")
        if collection.exists():
            return collection.first()
        latest = Collection.objects.aggregate(year=Max("year"))["year"]
        return open_collection(latest + 1, title="Benchmark campaign (synthetic)").collection

    def _account(self, username, group):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save()
        user.groups.add(group)
        return user

    def _expert(self, record, group):
        user = self._account(f"bench-expert-{record.country.code.lower()}", group)
        record.country.experts.add(user)
        self._set_status(record, PublicationStatus.DRAFT)
        entry = record.entries.exclude(body="").order_by("section__number").first()
        return {
            "username": user.username,
            "country": record.country.code,
            "record": record.pk,
            "entry": entry.pk if entry else None,
        }

    def _in_review(self, record):
        self._set_status(record, PublicationStatus.IN_REVIEW)
        return {"country": record.country.code, "record": record.pk}

    def _editor(self, group):
        user = self._account(EDITOR, group)
        token, _ = Token.objects.get_or_create(user=user)
        return {"username": user.username, "token": token.key}

    @staticmethod
    def _set_status(record, status):
        """Straight to the status the scenario starts from: this resets a fixture, no workflow."""
        GuidanceSystem.objects.filter(pk=record.pk).update(status=status, published_at=None)
