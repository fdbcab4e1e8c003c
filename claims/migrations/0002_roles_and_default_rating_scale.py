from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["annotator", "moderator", "editor", "admin"]

# label, slug, ClaimReview ratingValue (None: off the truth axis), description
DEFAULT_RATINGS = [
    ("True", "true", 5, "The claim is accurate and nothing significant is missing."),
    ("Mostly true", "mostly-true", 4, "Accurate but needs clarification or additional detail."),
    ("Half true", "half-true", 3, "Partially accurate; leaves out important details."),
    ("Mostly false", "mostly-false", 2, "Contains an element of truth but ignores critical facts."),
    ("False", "false", 1, "The claim is not accurate."),
    ("Misleading", "misleading", None, "Accurate facts presented to give a false impression."),
    ("Unproven", "unproven", None, "The evidence available neither proves nor disproves it."),
]

# The admin role runs the place through the Django admin: it gets every model permission of
# these apps. The other roles act through the workbench, where claims/workflow.py decides.
ADMIN_APPS = ["claims", "auth", "rest_framework_api_key"]


def create_roles_and_scale(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    for role in ROLES:
        Group.objects.get_or_create(name=role)
    admin_group = Group.objects.get(name="admin")
    admin_group.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))

    scale, _ = RatingScale.objects.get_or_create(
        name="Default", defaults={"is_default": True, "best_rating": 5, "worst_rating": 1}
    )
    for order, (label, slug, position, description) in enumerate(DEFAULT_RATINGS):
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={
                "label": label,
                "position": position,
                "description": description,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("rest_framework_api_key", "0005_auto_20220110_1102"),
    ]

    operations = [migrations.RunPython(create_roles_and_scale, migrations.RunPython.noop)]
