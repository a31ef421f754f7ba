from django.core.management.base import BaseCommand

from guidance.rules.notifications import send_review_digest


class Command(BaseCommand):
    help = (
        "Mail every editor the list of what waits in review (records, policies, initiatives, "
        "organisations, sources), oldest first. Run once a day; nothing waiting, nothing sent."
    )

    def handle(self, *args, **options):
        sent = send_review_digest()
        self.stdout.write(f"Sent the review digest to {sent} editor(s).")
