"""Give each role's group the Wagtail page and media permissions it needs, so that granting a
role is all an administrator does.

Page permissions sit on the home page and reach the whole site; for pages a unit owns, the
permission tester (organisation/permissions.py) narrows them to the user's own units.

- editors: add pages (and so edit their own drafts) and upload and choose images and documents;
- reviewers: no page permission of their own: the review step opens the pages waiting for
  them; they may choose images and documents while they edit one;
- approvers: everything on pages and media (only they publish);
- member managers: nothing here.
"""

from django.db import migrations

EDITOR = "Biên tập viên đơn vị"
REVIEWER = "Người duyệt Liên chi đoàn"
APPROVER = "Ban Thường vụ Đoàn trường"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page"],
    REVIEWER: [],
    APPROVER: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

MEDIA_PERMISSIONS = {
    EDITOR: ["add", "choose"],
    REVIEWER: ["choose"],
    APPROVER: ["add", "change", "delete", "choose"],
}
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )[0]


def home_page(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    home_type = ContentType.objects.get(app_label="home", model="homepage")
    return Page.objects.filter(content_type=home_type).order_by("path").first()


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    home = home_page(apps)
    root_collection = Collection.objects.filter(depth=1).first()
    for name in PAGE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model in MEDIA_MODELS:
            for action in MEDIA_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, f"{action}_{model}"),
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = Group.objects.filter(name__in=list(PAGE_PERMISSIONS))
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0003_unitreviewtask"),
        ("organisation", "0002_role_groups"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
