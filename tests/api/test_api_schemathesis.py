"""Property-based run of the API against its own OpenAPI schema (schemathesis, in-process).

The app is called through its WSGI handler in this thread, so it shares the test's
database connection and transaction: no live server, no second connection, no row
lock to wait on (the earlier attempt against a live server hung; docs/decisions.md).
Every operation gets positive and negative examples; all default checks run. The run is
bounded: a few examples per operation and mode, a per-example deadline.
"""

import io
import logging
import time

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from guidance.models import DeliveryMode, InitiativeType, InstrumentType, Sector, TargetGroup
from tests.api.conftest import api_client_for
from tests.factories import make_organisation, make_source

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 8
RUN_SETTINGS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=2000,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
TIME_LIMIT_SECONDS = 240


def positive_data_acceptance_but_cross_field_rules(ctx, response, case):
    """schemathesis' positive_data_acceptance, except for rules between two fields.

    OpenAPI 3.0 cannot say "end_year >= start_year", so schema-valid data may break
    that rule; the API answers it with 400 and only `non_field_errors`, as the admin
    would. Every other rejection of schema-valid data still fails the run.
    """
    if response.status_code == 400 and set(response.json()) == {"non_field_errors"}:
        return None
    return positive_data_acceptance(ctx, response, case)


def run_operation(operation, mode, headers, figures):
    @RUN_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def examples(case):
        figures["examples"] += 1
        case.call_and_validate(
            headers=headers,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[positive_data_acceptance_but_cross_field_rules],
        )

    examples()


@pytest.fixture
def app():
    """The project's WSGI handler, kept from closing the test's database connection.

    The handler closes "old" connections when each request starts and finishes; inside
    the test's transaction that would close the connection on PostgreSQL and lose the
    test data. Django's own test client disconnects the same receiver.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def quiet_request_log():
    """Thousands of expected 400s and 404s would each log a warning."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def vocabularies(db):
    """One term in each list, so that a schema-valid write can name one."""
    for model in (InitiativeType, InstrumentType, Sector, TargetGroup, DeliveryMode):
        model.objects.get_or_create(code="other", defaults={"name": "Other"})


@pytest.fixture
def related_objects(italy):
    """A published organisation and source, so that a schema-valid write can link them."""
    make_organisation(country=italy, name="Agenzia")
    make_source(country=italy, title="Rapporto")


def run_schema(app, headers, *, reads_only=False):
    """Every operation (or every GET) in both modes; the failures of all are collected."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    figures = {"operations": 0, "examples": 0}
    failures = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        if reads_only and operation.method.upper() != "GET":
            continue
        figures["operations"] += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                run_operation(operation, mode, headers, figures)
            except BaseException as error:  # collect every operation's failures, then report
                if isinstance(error, KeyboardInterrupt):
                    raise
                failures.append(f"{operation.label} [{mode.value}]: {error}")
    return figures, failures, time.monotonic() - started


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_api_conforms_to_its_schema(
    inventory, vocabularies, related_objects, editor, who, app, quiet_request_log
):
    headers = {}
    if who == "editor":
        token = api_client_for(editor)._credentials["HTTP_AUTHORIZATION"]
        headers = {"Authorization": token}
    figures, failures, elapsed = run_schema(app, headers)
    print(f"schemathesis {who}: {figures} failures={len(failures)} in {elapsed:.0f}s")
    assert figures["operations"] >= 40
    assert not failures, "\n\n".join(failures)
    assert elapsed < TIME_LIMIT_SECONDS


@pytest.fixture
def demo_inventory(db):
    """The demo inventory (`make demo`): real texts, organisations without a website, sources."""
    call_command("load_demo", stdout=io.StringIO())


def test_reads_of_the_demo_inventory_conform_to_the_schema(demo_inventory, app, quiet_request_log):
    """Factory data is tidy; the demo data has what real data has, such as empty web addresses."""
    figures, failures, elapsed = run_schema(app, {}, reads_only=True)
    print(f"schemathesis demo reads: {figures} failures={len(failures)} in {elapsed:.0f}s")
    assert figures["operations"] >= 30
    assert not failures, "\n\n".join(failures)
    assert elapsed < TIME_LIMIT_SECONDS
