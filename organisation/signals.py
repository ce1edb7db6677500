from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from cms.purge import purge_everything

from .access import forget_access
from .models import Unit, UnitRole
from .roles import sync_user_groups


@receiver(pre_save, sender=UnitRole, dispatch_uid="organisation_role_saving")
def remember_previous_holder(sender, instance, **kwargs):
    # A role moved to another user must also be taken off the one who had it.
    instance.previous_holder_id = (
        UnitRole.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=UnitRole, dispatch_uid="organisation_role_saved")
@receiver(post_delete, sender=UnitRole, dispatch_uid="organisation_role_deleted")
def keep_groups_in_step_with_roles(sender, instance, **kwargs):
    sync_user_groups(instance.user)
    forget_access(instance.user)
    previous = getattr(instance, "previous_holder_id", None)
    if previous and previous != instance.user_id:
        sync_user_groups(get_user_model().objects.get(pk=previous))


@receiver(post_save, sender=Unit, dispatch_uid="organisation_unit_renamed")
def unit_renamed(sender, instance, created, **kwargs):
    """A unit's name (or its English one) is under its articles and in listings: stored pages
    and fragments are stale."""
    if not created:
        purge_everything()
