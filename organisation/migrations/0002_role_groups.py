"""Create the group of each role, each allowed into the Wagtail admin.

The approval workflow and the member register add their own permissions to these groups.
"""

from django.db import migrations

ROLE_GROUP_NAMES = [
    "Biên tập viên đơn vị",
    "Người duyệt Liên chi đoàn",
    "Ban Thường vụ Đoàn trường",
    "Quản lý đoàn viên",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ROLE_GROUP_NAMES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
