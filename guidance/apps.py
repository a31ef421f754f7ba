from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Lifelong guidance inventory"
    default_auto_field = "django.db.models.BigAutoField"
