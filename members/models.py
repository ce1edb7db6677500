"""The member register: one record per union member, kept by the member's chapter."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.access import access_for
from organisation.models import Unit, UnitKind

from .choices import ETHNICITY_CHOICES, Gender, Status
from .text import fold, name_sort_key, nfc
from .validators import (
    normalise_phone,
    validate_code,
    validate_full_name,
    validate_past_date,
    validate_phone,
    validate_text,
)


def member_units(user, action):
    """The units where the table (organisation/rules.py, the ``member.<action>`` row) lets
    ``user`` do ``action`` for members: the one question every member screen asks of units."""
    return access_for(user).units(f"member.{action}")


def chapters_for(user, action="change"):
    """The chapters a member may be put in by ``user`` (forms, import rows, bulk move)."""
    return Unit.objects.chapters().filter(pk__in=member_units(user, action).values("pk"))


def refuse_code_out_of_scope(member, user):
    """Refuse a row whose code belongs to ``member``, an existing record out of the row's reach.

    The one place that words it, for the import and any other screen. A user who may see the
    member learns where it is; anyone else reads only that the code is taken, so that nobody
    can probe which codes exist and in which unit (issue 14)."""
    from organisation.policies import MEMBER_POLICY

    if user is None or MEMBER_POLICY.user_has_permission_for_instance(user, "view", member):
        message = _("This member is on the register of %(chapter)s, which you may not manage.") % {
            "chapter": member.chapter
        }
    else:
        message = _("This code is already used.")
    raise ValidationError({"code": message})


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members the table lets the user see."""
        return self.filter(chapter__in=member_units(user, "view"))

    def manageable_by(self, user):
        """Members the table lets the user change."""
        return self.filter(chapter__in=member_units(user, "change"))

    def search(self, query):
        """Accent-insensitive match on name or code: every word of the query must appear."""
        queryset = self
        for word in fold(query).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class Member(models.Model):
    """A union member (đoàn viên) on the register of one chapter."""

    code = models.CharField(
        _("member code"),
        max_length=32,
        unique=True,
        validators=[validate_code],
        help_text=_("The student or staff code; it identifies the member in import files."),
        error_messages={"unique": _("Another member already has this code.")},
    )
    full_name = models.CharField(_("full name"), max_length=150, validators=[validate_full_name])
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_past_date])
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=32, choices=ETHNICITY_CHOICES)
    chapter = models.ForeignKey(
        Unit,
        verbose_name=_("chapter"),
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": UnitKind.CHAPTER},
    )
    joined_on = models.DateField(_("date joined the union"), validators=[validate_past_date])
    card_number = models.CharField(
        _("union card number"), max_length=32, blank=True, validators=[validate_text]
    )
    phone = models.CharField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("email"), blank=True)
    is_party_member = models.BooleanField(_("party member"), default=False)
    app_updated = models.BooleanField(
        _("updated on the Thanh niên Việt Nam app"),
        default=False,
        help_text=_("Tick once the member's record is also entered in the national app."),
    )
    # The day the tick was set (kept while it stays set, cleared with it): the progress
    # report counts members updated per month from it. Empty for ticks set before it existed.
    app_updated_at = models.DateField(
        _("date updated on the app"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    # Name and code folded (no marks, đ → d), kept in step on every save and import.
    search_text = models.CharField(max_length=200, editable=False, db_index=True, default="")
    # The key Vietnamese lists sort by (given name, then the rest; text.name_sort_key), kept
    # in step with the name on every save and import: the register's default order.
    sort_name = models.CharField(max_length=640, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "code"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [
            ("import_member", _("Can import members")),
            ("export_member", _("Can export members")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~Q(card_number=""),
                name="members_member_unique_card_number",
                violation_error_message=_("Another member already has this card number."),
            )
        ]
        indexes = [models.Index(fields=["chapter", "status"])]

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.normalise()
        if self.date_of_birth and self.joined_on and self.joined_on < self.date_of_birth:
            raise ValidationError(
                {"joined_on": _("The date joined cannot be before the date of birth.")}
            )
        if self.chapter_id is not None and self.chapter.kind != UnitKind.CHAPTER:
            raise ValidationError({"chapter": _("A member belongs to a chapter.")})

    def normalise(self):
        """Text in NFC with single spaces, phone in 0xxxxxxxxx form, search text refreshed."""
        self.code = nfc(self.code)
        self.full_name = nfc(self.full_name)
        self.card_number = nfc(self.card_number)
        self.email = nfc(self.email).lower()
        self.phone = normalise_phone(self.phone)
        self.search_text = self.build_search_text()
        self.sort_name = name_sort_key(self.full_name)
        if not self.app_updated:
            self.app_updated_at = None
        elif self.app_updated_at is None:
            self.app_updated_at = timezone.localdate()

    def build_search_text(self):
        return fold(f"{self.full_name} {self.code}")


class ImportState(models.TextChoices):
    # A large file's dry run, in the background before the preview.
    CHECKING = "checking", _("checking")
    CHECK_FAILED = "check-failed", _("check failed")
    REFUSED = "refused", _("refused")
    PREVIEWED = "previewed", _("waiting for confirmation")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class PendingImport(models.Model):
    """An uploaded member file: its dry run (in the background for a large file), the preview
    that passed it, then the import of it once confirmed.

    Kept server-side so the confirm step imports exactly the rows that were previewed (the
    parsed rows, not the file); the import's progress and result are kept here too, so the
    person can leave the progress page and come back, and a background worker can report."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=16, choices=ImportState.choices, default=ImportState.PREVIEWED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    # What the import did: counts, the row errors (as shown), whether it was written.
    result = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pending member import")
        verbose_name_plural = _("pending member imports")

    def __str__(self):
        return self.file_name
