"""Where a unit's editors may upload: their unit's collection, by Wagtail's own collection
permissions.

Each unit that has editors gets a collection under the root ("A1 · Chi đoàn A1") and a group
("Tải lên: A1 · Chi đoàn A1") that may add images and documents there and nowhere else. An
editor belongs to the groups of the units where they hold the editor role, kept in step with
their roles like the role groups (organisation/roles.py). Wagtail's upload forms offer only the
collections a user may add to, so a chapter editor's upload lands in their chapter's collection
whatever the form is sent; approvers keep "add" on the root collection, so on every unit's.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, GroupCollectionPermission

from organisation.models import Role, Unit, UnitRole

GROUP_PREFIX = "Tải lên: "
UPLOAD_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtaildocs", "add_document")]


def unit_collection(unit):
    """The collection of ``unit``'s files, under the root collection, made on first use. It is
    found by the unit's code and renamed with the unit, so a renamed unit keeps its files."""
    root = Collection.get_first_root_node()
    name = f"{unit.code} · {unit.name}"
    collection = root.get_children().filter(name__startswith=f"{unit.code} · ").first()
    if collection is None:
        return root.add_child(name=name)
    if collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def file_in_unit_collection(sender, instance, created, **kwargs):
    """post_save of documents: a document made outside the upload forms (in code, by an import)
    for an editor of one unit and left in the root collection goes to that unit's collection,
    where its uploader may still change it."""
    user = instance.uploaded_by_user
    if not created or user is None or instance.collection.depth != 1:
        return
    units = {
        role.unit
        for role in UnitRole.objects.filter(user=user, role=Role.EDITOR).select_related("unit")
    }
    if len(units) != 1:
        return  # nobody's chapter, or several: the uploader chooses
    instance.collection = unit_collection(units.pop())
    instance.save(update_fields=["collection"])


def upload_group(unit):
    """The group whose members may add images and documents to ``unit``'s collection."""
    collection = unit_collection(unit)
    name = f"{GROUP_PREFIX}{collection.name}"
    # Found by its permissions on the collection: its name follows the unit's.
    group = (
        Group.objects.filter(
            name__startswith=GROUP_PREFIX, collection_permissions__collection=collection
        ).first()
        or Group.objects.get_or_create(name=name)[0]
    )
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    for app_label, codename in UPLOAD_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group


def sync_upload_groups(user):
    """Make the user's upload groups match the units where they are an editor."""
    units = Unit.objects.filter(roles__user=user, roles__role=Role.EDITOR).distinct()
    wanted = {upload_group(unit) for unit in units}
    held = set(user.groups.filter(name__startswith=GROUP_PREFIX))
    user.groups.remove(*(held - wanted))
    user.groups.add(*(wanted - held))


@receiver(post_save, sender=UnitRole, dispatch_uid="cms_upload_groups_saved")
@receiver(post_delete, sender=UnitRole, dispatch_uid="cms_upload_groups_deleted")
def upload_groups_follow_roles(sender, instance, **kwargs):
    sync_upload_groups(instance.user)
    previous = getattr(instance, "previous_holder_id", None)  # organisation/signals.py
    if previous and previous != instance.user_id:
        sync_upload_groups(type(instance.user).objects.get(pk=previous))
