"""The two working roles, as Django groups with model permissions.

Which countries an expert may touch is not a permission but an assignment
(Country.experts); guidance/rules/permissions.py combines the two.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
EXPERTS = "National experts"

COUNTRY_CONTENT = [
    "guidancesystem",
    "sectionentry",
    "indicatorvalue",
    "policy",
    "policystageyear",
    "initiative",
    "organisation",
    "source",
]
# Comments between editors and experts; which ones a user reads is decided by country
# (guidance/rules/permissions.py). Experts reply and resolve; only editors delete.
REVIEW = ["reviewcomment"]
STRUCTURE = [
    "country",
    "collection",
    "section",
    "indicator",
    "targetgroup",
    "sector",
    "deliverymode",
    "organisationtype",
    "instrumenttype",
    "initiativetype",
]

# The language each person's e-mail is written in (guidance/rules/interface_language.py).
PEOPLE = ["interfacelanguage"]

# Written by closing a collection (guidance/rules/closing.py), never changed: view only.
RELEASES = ["release", "releasefile"]


def _permissions(models, actions):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return Permission.objects.filter(content_type__app_label="guidance", codename__in=codenames)


def ensure_role_groups():
    """Create or refresh the Editors and National experts groups; safe to run again."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        list(
            _permissions(
                COUNTRY_CONTENT + REVIEW + STRUCTURE + PEOPLE, ("view", "add", "change", "delete")
            )
        )
        + list(_permissions(RELEASES, ("view",)))
    )
    experts, _ = Group.objects.get_or_create(name=EXPERTS)
    experts.permissions.set(
        list(_permissions(COUNTRY_CONTENT + REVIEW, ("view", "add", "change")))
        + list(_permissions(STRUCTURE + RELEASES, ("view",)))
    )
    return editors, experts
