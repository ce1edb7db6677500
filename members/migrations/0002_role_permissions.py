"""Give the role groups their member permissions, so that granting a role is all it takes.

Which *units* a holder may act in comes from their roles (members/models.py); the group only
opens the doors: managers and editors (chapter secretaries) add, change, import and export;
reviewers and approvers look and export; only member managers delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Quản lý đoàn viên": [
        "add_member", "change_member", "delete_member", "view_member",
        "import_member", "export_member",
    ],
    "Biên tập viên đơn vị": [
        "add_member", "change_member", "view_member", "import_member", "export_member",
    ],
    "Người duyệt Liên chi đoàn": ["view_member", "export_member"],
    "Ban Thường vụ Đoàn trường": ["view_member", "export_member"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after the last migration; these need them now.
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="members")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("organisation", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
