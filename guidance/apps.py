from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.checks import Tags, register
from django.db.models.signals import post_migrate

from inventory.checks import outgoing_mail, shared_cache


def _create_role_groups(sender, **kwargs):
    from guidance.rules.roles import ensure_role_groups

    ensure_role_groups()


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Lifelong guidance inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # After every migrate (and flush) the Editors and National experts groups exist
        # with their permissions, which Django creates only after the migrations ran.
        post_migrate.connect(_create_role_groups, sender=self)
        from guidance.caching import connect_signals

        connect_signals()
        from guidance.rules import interface_language

        interface_language.connect_signals()
        register(shared_cache, Tags.caches, deploy=True)
        register(outgoing_mail, "email", deploy=True)


class InventoryAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site class: `admin.site` is an InventoryAdminSite."""

    default = False  # GuidanceConfig stays the app config that "guidance" names
    default_site = "guidance.admin_site.InventoryAdminSite"
