"""The school union's standing committee keeps the list of issuers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVER_GROUP = "Ban Thường vụ Đoàn trường"
CODENAMES = ["add_issuer", "change_issuer", "delete_issuer", "view_issuer"]


def grant(apps, schema_editor):
    # Permissions are normally created after migrations: make them now so they can be granted.
    app_config = apps.get_app_config("directives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="directives", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=APPROVER_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="directives", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0001_initial"),
        ("organisation", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
