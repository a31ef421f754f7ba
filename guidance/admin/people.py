"""The interface language each person last signed in with (their e-mail's language)."""

from django.contrib import admin

from guidance.admin.export import export_as_csv
from guidance.models import InterfaceLanguage


@admin.register(InterfaceLanguage)
class InterfaceLanguageAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    actions = [export_as_csv]
