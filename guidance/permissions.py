"""Who may see and change which country's content: the one place that decides.

The admin, the API and the public pages all ask this module; none of them filters
by country on its own. Roles are Django groups (see guidance/roles.py):

- editors (and superusers) see and change every country;
- national experts see and change the countries they are assigned to
  (Country.experts), and only published content of other countries;
- everyone else sees published content only.
"""

from django.db.models import Q

from guidance.models import Country, PublicationStatus
from guidance.roles import EDITORS


def is_editor(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def can_publish(user):
    """Only editors publish; experts draft and submit for review."""
    return is_editor(user)


def editable_countries(user):
    """The countries whose records, policies and initiatives `user` may change."""
    if is_editor(user):
        return Country.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Country.objects.none()
    return Country.objects.filter(experts=user)


def can_edit_country(user, country):
    return editable_countries(user).filter(pk=country.pk).exists()


def visible(queryset, user, country_field="country"):
    """Narrow a queryset of publishable content to what `user` may read.

    Published rows are public; drafts and rows in review are visible only to
    those who may edit their country.
    """
    if is_editor(user):
        return queryset
    published = Q(status=PublicationStatus.PUBLISHED)
    if not user.is_authenticated:
        return queryset.filter(published)
    mine = Q(**{f"{country_field}__in": editable_countries(user)})
    return queryset.filter(published | mine)


def editable(queryset, user, country_field="country"):
    """Narrow a queryset of country-bound content to what `user` may change."""
    if is_editor(user):
        return queryset
    return queryset.filter(**{f"{country_field}__in": editable_countries(user)})
