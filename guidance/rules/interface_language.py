"""Which language a person's e-mail is written in: the one they last signed in with.

The interface language is named by the URL (/fr/admin/login/ signs in in French;
guidance/reading/language.py). Signing in remembers it (InterfaceLanguage), and the
workflow's e-mail (guidance/rules/notifications.py) is written in each recipient's
remembered language, or in settings.LANGUAGE_CODE for someone who never signed in.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import translation

from guidance.models import InterfaceLanguage

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def remember_language(sender, request, user, **kwargs):
    language = translation.get_language()
    if language in LANGUAGE_CODES:
        InterfaceLanguage.objects.update_or_create(user=user, defaults={"language": language})


def languages_of(addresses):
    """{address: language} of the people with these e-mail addresses who signed in."""
    rows = InterfaceLanguage.objects.filter(user__email__in=set(addresses), user__is_active=True)
    return dict(rows.values_list("user__email", "language"))


def connect_signals():
    user_logged_in.connect(remember_language, dispatch_uid="guidance-interface-language")
