from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models.clean_text import CleanTextModel


class InterfaceLanguage(CleanTextModel):
    """The interface language a person last signed in with; their e-mail is written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interface_language",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("Set when the person signs in: the language of the sign-in page."),
    )

    class Meta:
        ordering = ["user"]
        verbose_name = _("interface language")
        verbose_name_plural = _("interface languages")

    def __str__(self):
        return f"{self.user}: {self.get_language_display()}"
