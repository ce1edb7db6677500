"""The editor form of every page a unit owns.

`UnitOwned` sets it as the page's ``base_form_class``, so an article or a document page gets it
without doing anything. A page type that needs its own form subclasses `UnitOwnedPageForm`.
"""

from wagtail.admin.forms import WagtailAdminPageForm


class UnitOwnedPageForm(WagtailAdminPageForm):
    """Offers as owning unit only the units the user writes for (their editor or approver
    units and those below), plus the page's current unit so that saving never forces a change.
    A unit typed into the request by hand is refused like any invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("unit")
        if field is None or self.for_user is None:
            return
        from .access import access_for
        from .models import Unit

        units = access_for(self.for_user).units("page.write")
        current = self.instance.unit_id if self.instance.pk else None
        if current is not None:
            units = Unit.objects.filter(pk__in=units.values("pk")) | Unit.objects.filter(pk=current)
        field.queryset = units.order_by("path")
        # Indented from the user's own top unit: a chapter editor's only choice reads
        # "Chi đoàn K20 Tin học", not "— — Chi đoàn K20 Tin học".
        top = min((unit.depth for unit in field.queryset), default=0)
        field.label_from_instance = lambda unit: unit.tree_label(top)
        if current is None and not self.is_bound and not self.initial.get("unit"):
            choices = list(field.queryset[:2])
            if len(choices) == 1:
                # Most editors write for one chapter: choose it for them.
                self.initial["unit"] = choices[0].pk
