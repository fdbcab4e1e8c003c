from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claim Workbench"
    default_auto_field = "django.db.models.BigAutoField"
