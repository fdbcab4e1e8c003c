from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The admin role sees failed logins and lockouts and clears a lockout by deleting its attempt
# row; the logs stay read-only.
LOCKOUT_PERMISSIONS = [
    "view_accessattempt",
    "delete_accessattempt",
    "view_accesslog",
    "view_accessfailurelog",
]


def grant_lockout_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    admin_group, _ = Group.objects.get_or_create(name="admin")
    admin_group.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=LOCKOUT_PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0009_published_claim_verdict"),
        ("axes", "0010_accessattemptexpiration"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(grant_lockout_permissions, migrations.RunPython.noop),
        migrations.AddField(
            model_name="claim",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="comment",
            name="form_token",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                fields=("author", "form_token"), name="comment_unique_form_token_per_author"
            ),
        ),
    ]
