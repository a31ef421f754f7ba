"""What a listed policy or initiative shows from other tables, as SQL read in its own row.

The row cache (guidance/api/row_cache.py) keys each row's JSON on these values and the
row's own state, so they must name everything its serializer shows beyond its own
columns: a field that shows another table's column needs a stamp here. Linked content is
named by its saved state and by all that guidance/rules/permissions.py `visible` reads of
it (status, country, revision_of), so the key changes whenever a reader would see another
linked row; vocabulary terms by what is shown of them and what orders them.
"""

from django.db.models import F

from guidance.models import Initiative, Policy, PolicyStageYear
from guidance.query.stamps import ROW_STATE, child_stamp, related_stamp

CONTENT = (*ROW_STATE, "country_id", "revision_of_id")
TERMS = ("id", "code", "position", "name")
SECTIONS = ("id", "slug", "number")


def _country_content(model):
    return {
        "stamp_country": F("country__code"),
        "stamp_sections": related_stamp(model, "sections", SECTIONS),
        "stamp_target_groups": related_stamp(model, "target_groups", TERMS),
        "stamp_sectors": related_stamp(model, "sectors", TERMS),
        "stamp_sources": related_stamp(model, "sources", CONTENT),
    }


POLICY_STAMPS = {
    **_country_content(Policy),
    "stamp_instrument_type": F("instrument_type__code"),
    "stamp_organisations": related_stamp(Policy, "responsible_organisations", CONTENT),
    "stamp_stages": child_stamp(Policy, PolicyStageYear, "policy_id", ("year", "stage"), "year"),
}

INITIATIVE_STAMPS = {
    **_country_content(Initiative),
    "stamp_initiative_type": F("initiative_type__code"),
    "stamp_delivery_modes": related_stamp(Initiative, "delivery_modes", TERMS),
    "stamp_providers": related_stamp(Initiative, "providers", CONTENT),
    "stamp_related_policies": related_stamp(Initiative, "related_policies", CONTENT),
}
