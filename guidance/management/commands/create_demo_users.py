from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guidance.models import Country
from guidance.rules.roles import ensure_role_groups

DEMO_PASSWORD = "demo-guidance-2026"


class Command(BaseCommand):
    help = "Create two demo accounts (an editor and an expert for Italy). Only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created with DEBUG on, never in production.")
        with transaction.atomic():
            editors, experts = ensure_role_groups()
            self._account("editor", editors)
            expert = self._account("expert-it", experts)
            italy = Country.objects.filter(code="IT").first()
            if italy is None:
                raise CommandError("Load the inventory first: manage.py load_demo")
            italy.experts.add(expert)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (admin at http://127.0.0.1:8000/admin/):\n"
                f"  editor     / {DEMO_PASSWORD}   editor, all countries\n"
                f"  expert-it  / {DEMO_PASSWORD}   national expert for Italy"
            )
        )

    def _account(self, username, group):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(group)
        return user
