"""/healthz: a load balancer's liveness probe, and the benchmark's framework floor.

It answers a tiny fixed JSON document through the whole middleware stack without
touching the database, so it measures what every request costs before any view work.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})
