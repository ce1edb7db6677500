"""Editors add images and documents only to their units' collections (cms/security/uploads.py):
their role group loses "add" on the root collection, and each editor joins the upload group of
each unit where they edit. Choosing from every collection stays (a chapter may use the school's
photos; documents are guarded when served)."""

from django.db import migrations

EDITOR_GROUP = "Biên tập viên đơn vị"
ROOT_ADD = ["add_image", "add_document"]


def to_unit_collections(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=EDITOR_GROUP, collection__depth=1, permission__codename__in=ROOT_ADD
    ).delete()
    # The groups and collections are made by the same code as for a role granted later: it
    # builds collections with treebeard, which the migration's historical models cannot do.
    from django.contrib.auth import get_user_model

    from cms.security.uploads import sync_upload_groups
    from organisation.models import Role, UnitRole

    editors = UnitRole.objects.filter(role=Role.EDITOR).values_list("user", flat=True)
    for user in get_user_model().objects.filter(pk__in=editors):
        sync_upload_groups(user)


def back_to_root(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for permission in Permission.objects.filter(codename__in=ROOT_ADD):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    Group.objects.filter(name__startswith="Tải lên: ").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_outgoing_mail"),
        ("organisation", "0004_role_page_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_unit_collections, back_to_root)]
