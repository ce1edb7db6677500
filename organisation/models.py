"""The union's unit tree (school union → federations → chapters) and who holds which role where.

Every other part of the site belongs to a unit, so these queries are kept cheap: each unit
stores its materialised path, and a subtree or a chain of ancestors is one query whatever the
depth.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from cms.text import in_reader_language

from .page_forms import UnitOwnedPageForm

# Width of one path segment: sort order (4 digits) then primary key (8 digits), so that
# ordering by path lists the tree depth-first with siblings in their chosen order. The bounds
# below keep every segment at its width (a wider one would shift every later segment and give
# a wrong ancestor list): a validator for forms, a constraint for the database, and a check in
# `_build_path` for anything else.
SEGMENT_WIDTH = 12
MAX_SORT_ORDER = 9999
MAX_UNIT_ID = 99_999_999


class UnitKind(models.TextChoices):
    SCHOOL = "school", _("School union")
    FEDERATION = "federation", _("Federation")
    CHAPTER = "chapter", _("Chapter")


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    APPROVER = "approver", _("Approver")
    MEMBER_MANAGER = "member_manager", _("Member manager")


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit, include_self=True):
        """The unit and everything below it, in one query."""
        units = self.filter(path__startswith=unit.path)
        return units if include_self else units.exclude(pk=unit.pk)

    def ancestors_of(self, unit, include_self=False):
        """The chain from the school union down to the unit's parent (or the unit)."""
        prefixes = unit.path_prefixes()
        if not include_self:
            prefixes = prefixes[:-1]
        return self.filter(path__in=prefixes).order_by("path")

    def for_user(self, user, roles=None):
        """Units where ``user`` may act.

        ``roles`` is best an action of the table in ``rules.py`` (``"member.change"``): the
        units the table lets the user act for. A list of roles (kept for older callers) gives
        the units where the user holds one of them, and everything below. At most two queries
        whatever the depth of the tree."""
        if isinstance(roles, str):
            from .access import access_for

            return self.filter(pk__in=access_for(user).units(roles).values("pk"))
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        held = UnitRole.objects.filter(user=user)
        if roles is not None:
            held = held.filter(role__in=list(roles))
        paths = set(held.values_list("unit__path", flat=True))
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)

    def schools(self):
        return self.filter(kind=UnitKind.SCHOOL)

    def federations(self):
        return self.filter(kind=UnitKind.FEDERATION)

    def chapters(self):
        return self.filter(kind=UnitKind.CHAPTER)


class Unit(models.Model):
    """A unit of the union: the school union, a federation (liên chi đoàn) or a chapter
    (chi đoàn). Articles, documents and members all belong to one."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(
        _("name in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the English pages; empty: the Vietnamese name."),
    )
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("A short code, unique in the union, e.g. LCD1 or K20-GDMN."),
        error_messages={"unique": _("Another unit already uses this code.")},
    )
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        validators=[MaxValueValidator(MAX_SORT_ORDER)],
        help_text=_("Lower numbers come first among siblings (0 to 9999)."),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind=UnitKind.SCHOOL),
                name="organisation_unit_single_school",
                violation_error_message=_("There can be only one school union."),
            ),
            models.CheckConstraint(
                condition=Q(sort_order__lte=MAX_SORT_ORDER),
                name="organisation_unit_sort_order_fits_path",
                violation_error_message=_("The order is a number from 0 to 9999."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=UnitKind.SCHOOL, parent__isnull=True)
                    | (~Q(kind=UnitKind.SCHOOL) & Q(parent__isnull=False))
                ),
                name="organisation_unit_only_school_is_root",
                violation_error_message=_(
                    "The school union is the root; every other unit needs a parent."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    # ------------------------------------------------------------ saving

    def save(self, *args, **kwargs):
        old_path = self.path
        with transaction.atomic():
            super().save(*args, **kwargs)
            new_path = self._build_path()
            if new_path == old_path:
                return
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                # The unit moved or was reordered: carry its subtree along.
                moved = list(Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk))
                for unit in moved:
                    unit.path = new_path + unit.path[len(old_path) :]
                Unit.objects.bulk_update(moved, ["path"])

    @property
    def display_name(self):
        """The name for the reader's language: English pages show ``name_en`` when it is set."""
        return in_reader_language(self.name, self.name_en)

    # ------------------------------------------------------------ rules

    def clean(self):
        super().clean()
        errors = {}

        def refuse(field, message):
            errors.setdefault(field, []).append(message)

        parent = self.parent
        if self.kind == UnitKind.SCHOOL:
            if parent is not None:
                refuse("parent", _("The school union is the root of the tree: it has no parent."))
            elif Unit.objects.schools().exclude(pk=self.pk).exists():
                refuse("kind", _("There can be only one school union."))
        elif parent is None:
            refuse("parent", _("Choose the unit this one belongs to."))
        elif self.kind == UnitKind.FEDERATION and parent.kind != UnitKind.SCHOOL:
            refuse("parent", _("A federation belongs directly to the school union."))
        elif self.kind == UnitKind.CHAPTER and parent.kind == UnitKind.CHAPTER:
            refuse("parent", _("A chapter belongs to a federation or to the school union."))
        if (
            parent is not None
            and self.pk is not None
            and (parent.pk == self.pk or (self.path and parent.path.startswith(self.path)))
        ):
            refuse("parent", _("A unit cannot be placed inside itself or its own sub-units."))
        if (
            self.pk is not None
            and self.kind == UnitKind.CHAPTER
            and Unit.objects.filter(parent_id=self.pk).exists()
        ):
            refuse("kind", _("This unit has sub-units, so it cannot be a chapter."))
        if errors:
            raise ValidationError(errors)

    def _build_path(self):
        if not 0 <= self.sort_order <= MAX_SORT_ORDER or self.pk > MAX_UNIT_ID:
            raise ValueError("A unit's order or id does not fit its path segment.")
        parent_path = ""
        if self.parent_id is not None:
            parent_path = Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)
        return f"{parent_path}{self.sort_order:04d}{self.pk:08d}"

    # ------------------------------------------------------------ tree shape

    @property
    def depth(self):
        """0 for the school union, 1 for a federation below it, and so on."""
        return max(len(self.path) // SEGMENT_WIDTH - 1, 0)

    def path_prefixes(self):
        return [self.path[:end] for end in range(SEGMENT_WIDTH, len(self.path) + 1, SEGMENT_WIDTH)]

    def tree_label(self, top=0):
        """The name indented by depth, for listings and choosers that show the tree; a
        chooser passes the depth of its shallowest choice, so that one is not indented."""
        return f"{'— ' * max(0, self.depth - top)}{self.name}"

    tree_label.short_description = _("name")

    def is_within(self, other):
        """True when this unit is ``other`` or below it."""
        return bool(other.path) and self.path.startswith(other.path)

    def ancestors(self, include_self=False):
        return Unit.objects.ancestors_of(self, include_self=include_self)

    def subtree(self, include_self=True):
        return Unit.objects.subtree_of(self, include_self=include_self)

    def federation(self):
        """The federation this unit belongs to (itself if it is one), or None."""
        if self.kind == UnitKind.FEDERATION:
            return self
        if self.kind == UnitKind.SCHOOL:
            return None
        return self.ancestors().filter(kind=UnitKind.FEDERATION).last()


class UnitRole(models.Model):
    """A user's role in a unit. A role in a unit reaches the whole subtree below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="unit_roles",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        ordering = ["unit__path", "role", "user__username"]
        verbose_name = _("role in a unit")
        verbose_name_plural = _("roles in units")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="organisation_unitrole_unique",
                violation_error_message=_("This user already holds this role in this unit."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class UnitOwned(models.Model):
    """Mixin for pages (articles, documents, reports) that belong to a unit of the union.

    The owning unit decides who may edit the page and who reviews it; the approval workflow and
    the permission rules read ``unit`` and nothing else.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The chapter, federation or school union this belongs to."),
    )

    # The editor form offers only the units the user may write for (see page_forms.py).
    base_form_class = UnitOwnedPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """What ``user`` may do with this page, decided by their roles in its unit rather than
        by site-wide group permissions (see permissions.py)."""
        from .permissions import UnitPagePermissionTester

        return UnitPagePermissionTester(user, self)


class ReviewLevel(models.TextChoices):
    FEDERATION = "federation", _("Federation review")
    SCHOOL = "school", _("School union approval")


class UnitReviewTask(Task):
    """A step of the approval workflow whose reviewers follow the page's owning unit: the
    reviewers of the federation above it, or the approvers of the school union.

    One workflow ("Duyệt bài") serves every chapter because nothing here names a group.
    """

    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)

    admin_form_fields = Task.admin_form_fields + ["level"]
    admin_form_readonly_on_edit_fields = Task.admin_form_readonly_on_edit_fields + ["level"]

    class Meta:
        verbose_name = _("unit review step")
        verbose_name_plural = _("unit review steps")

    # ------------------------------------------------------------ routing

    def reviewing_unit(self, obj):
        """The unit whose people act at this step for ``obj``, or None when the step does not
        apply (a page owned by a federation or the school has no federation step)."""
        from .review import reviewing_unit

        return reviewing_unit(self.level, obj)

    def user_can_act(self, obj, user):
        from .review import user_can_act

        return user_can_act(self.level, obj, user)

    def start(self, workflow_state, user=None):
        from .review import skip_reason

        obj = workflow_state.content_object.specific
        reason = skip_reason(self.level, obj)
        if reason is None:
            return super().start(workflow_state, user=user)
        # Wagtail's own "skipped" status: the workflow moves straight on to the next step, and
        # the history shows the step as skipped with the reason as its comment.
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.revision = obj.get_latest_revision()
        task_state.task = self
        task_state.comment = reason
        task_state.finished_at = timezone.now()
        task_state.save()
        from .review import log_skip

        log_skip(task_state, obj, user)
        return task_state

    # ------------------------------------------------------------ Wagtail's task API

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin checks get_actions before calling this; check again so that no other
        # caller can act for a unit it does not review.
        obj = task_state.workflow_state.content_object.specific
        if not self.user_can_act(obj, user):
            raise PermissionDenied
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            # A request for changes without a reason (RejectionForm and the editor's guard
            # refuse it with a message; this stops any other caller).
            return None
        # Read under a lock on the step's row: of two copies of one decision arriving at the
        # same moment (the dashboard's buttons), the second waits for the first to commit.
        status = (
            TaskState.objects.select_for_update()
            .filter(pk=task_state.pk)
            .values_list("status", flat=True)
            .first()
        )
        if status != task_state.STATUS_IN_PROGRESS:
            # The same decision sent twice (a double click, a second tab): the step is over,
            # acting again would pass the page on past a step nobody approved
            # (wagtail/wagtail#14460; organisation/workflow_guard.py guards the editor).
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return self.user_can_act(obj, user)

    def locked_for_user(self, obj, user):
        # Like Wagtail's group approval: while a page waits at this step, only the people who
        # review it may change it; its editors wait for the decision.
        return not self.user_can_act(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_act(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_form_for_action(self, action):
        if action == "reject":
            from .forms import RejectionForm

            return RejectionForm
        return super().get_form_for_action(action)

    def get_actions(self, obj, user):
        if not self.user_can_act(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .review import task_states_user_can_act_on

        return task_states_user_can_act_on(self, user)

    @classmethod
    def get_description(cls):
        return _(
            "Reviewed by the federation above the page's unit, or approved by the school "
            "union, following the page's owning unit."
        )
