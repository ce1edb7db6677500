"""Official documents (văn bản), the chain of guidance between them, and their implementation:
each unit asked to carry a document out acknowledges it and reports back with a page of its own."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Upper
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.search.slugs import FoldingSlugCopyForm
from organisation.models import Unit, UnitOwned

from . import numbers
from .forms import ReportPageForm

# A chain of guidance is a handful of levels (government → central union → province → school):
# anything deeper than this is a data error, and it bounds the walk up the chain.
MAX_CHAIN_DEPTH = 20


class DocType(models.TextChoices):
    DIRECTIVE = "directive", _("Directive")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    GUIDANCE = "guidance", _("Guidance")
    PLAN = "plan", _("Plan")
    DECISION = "decision", _("Decision")
    NOTICE = "notice", _("Notice")
    RESOLUTION = "resolution", _("Resolution")
    REPORT = "report", _("Report")


class Issuer(models.Model):
    """A body that issues documents (Thủ tướng Chính phủ, Ban Bí thư Trung ương Đoàn, BCH Tỉnh
    đoàn, BCH Đoàn trường...), kept as an editable list."""

    name = models.CharField(
        _("name"),
        max_length=255,
        unique=True,
        error_messages={"unique": _("Another issuer already has this name.")},
    )
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        error_messages={"unique": _("Another issuer already uses this code.")},
        help_text=_(
            "The abbreviation the issuer uses in its numbers: TTg in 02/CT-TTg, TWĐTN in "
            "9568-CV/TWĐTN-BTG, ĐTN in 226-CV/ĐTN."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in lists and filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        constraints = [
            models.UniqueConstraint(
                Upper("code"),
                name="directives_issuer_code_unique_ci",
                violation_error_message=_("Another issuer already uses this code."),
            )
        ]

    def __str__(self):
        return self.name


class DirectiveIndexPage(Page):
    """The list of the union's documents (/van-ban/), filterable without JavaScript."""

    copy_form_class = FoldingSlugCopyForm

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directives.DirectivePage"]
    # One per language: the English site has its translation of the same index.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("document list")
        verbose_name_plural = _("document lists")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


def with_progress(documents):
    """Annotate documents with how many units were assigned and how many have reported."""
    return documents.annotate(
        assigned_count=Count("assignments", distinct=True),
        reported_count=Count(
            "assignments", filter=Q(assignments__status="reported"), distinct=True
        ),
    )


class DirectivePage(UnitOwned, Page):
    """One official document: its number, issuer, text and attachments, the document it carries
    out, and the units asked to implement it."""

    copy_form_class = FoldingSlugCopyForm

    doc_type = models.CharField(_("document type"), max_length=32, choices=DocType.choices)
    number = models.CharField(
        _("number"),
        max_length=64,
        blank=True,
        help_text=_(
            "As printed, e.g. 02/CT-TTg or 226-CV/ĐTN. Leave blank only if the document has "
            "no number."
        ),
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="documents"
    )
    issue_date = models.DateField(
        _("issue date"),
        null=True,
        blank=True,
        help_text=_("Leave blank only when the date is not known."),
    )
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("When the document takes effect, if not on its issue date."),
    )
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("full text"), blank=True)
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
        help_text=_("The higher document this one carries out, if any."),
    )

    # The parts of the number, filled in on save from `number` (see numbers.py).
    number_normalised = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    number_sequence = models.CharField(_("sequence number"), max_length=16, blank=True)
    number_type = models.CharField(_("type abbreviation"), max_length=16, blank=True)
    number_issuer = models.CharField(_("issuer abbreviation"), max_length=32, blank=True)
    number_office = models.CharField(_("issuing office"), max_length=32, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("issue_date")]),
                FieldPanel("effective_date"),
                FieldPanel("signer"),
                FieldPanel("unit"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("implements"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("number_normalised"),
        index.SearchField("number_sequence"),
        index.SearchField("number_type"),
        index.SearchField("number_issuer"),
        index.SearchField("signer"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("issuer", [index.SearchField("name"), index.SearchField("code")]),
        index.FilterField("doc_type"),
        index.FilterField("issuer"),
        index.FilterField("issue_date"),
        index.FilterField("number_normalised"),
    ]

    parent_page_types = ["directives.DirectiveIndexPage"]
    subpage_types = ["directives.ReportPage"]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    # ------------------------------------------------------------ rules

    def clean(self):
        super().clean()
        errors = {}
        self._clean_number(errors)
        self._clean_chain(errors)
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors["effective_date"] = [_("A document cannot take effect before it is issued.")]
        if errors:
            raise ValidationError(errors)

    def _clean_number(self, errors):
        if not self.number.strip():
            self.number = ""
            self._set_number_parts(None)
            return
        try:
            parsed = numbers.parse(self.number)
        except numbers.InvalidNumber as error:
            errors["number"] = [str(error)]
            return
        self.number = parsed.display
        self._set_number_parts(parsed)
        if self.issuer_id is None:
            return
        issuer = self.issuer
        if parsed.issuer_code.upper() != issuer.code.upper():
            errors["number"] = [
                _(
                    "This number is issued by %(found)s, but the chosen issuer (%(issuer)s) "
                    "signs its numbers %(code)s."
                )
                % {"found": parsed.issuer_code, "issuer": issuer.name, "code": issuer.code}
            ]
            return
        taken = (
            DirectivePage.objects.live()
            .filter(issuer_id=self.issuer_id, number_normalised=self.number_normalised)
            .exclude(translation_key=self.translation_key)
            .first()
        )
        if taken is not None:
            errors["number"] = [
                _("%(issuer)s already has a published document numbered %(number)s: “%(title)s”.")
                % {"issuer": issuer.name, "number": taken.number, "title": taken.title}
            ]

    def _clean_chain(self, errors):
        if self.implements_id is None:
            return
        if self.pk is not None and self.implements_id == self.pk:
            errors["implements"] = [_("A document cannot implement itself.")]
            return
        if self.pk is None:
            return  # a new page has nothing implementing it yet, so no cycle is possible
        if self.pk in self.chain_ids(self.implements_id):
            errors["implements"] = [
                _(
                    "This would make a loop in the chain of guidance: the chosen document "
                    "already carries out this one, directly or through others."
                )
            ]

    @staticmethod
    def chain_ids(start_id):
        """The ids going up the chain from ``start_id`` (included), one query per level."""
        seen = []
        current = start_id
        while current is not None and current not in seen and len(seen) < MAX_CHAIN_DEPTH:
            seen.append(current)
            current = (
                DirectivePage.objects.filter(pk=current)
                .values_list("implements_id", flat=True)
                .first()
            )
        return seen

    def save(self, *args, **kwargs):
        # Keep the parts in step even when a page is saved without clean() (imports, demo).
        try:
            parsed = numbers.parse(self.number) if self.number else None
        except numbers.InvalidNumber:
            parsed = None
        if parsed is not None:
            self.number = parsed.display
        self._set_number_parts(parsed)
        return super().save(*args, **kwargs)

    def _set_number_parts(self, parsed):
        self.number_normalised = parsed.normalised if parsed else ""
        self.number_sequence = parsed.sequence if parsed else ""
        self.number_type = parsed.type_code if parsed else ""
        self.number_issuer = parsed.issuer_code if parsed else ""
        self.number_office = parsed.office if parsed else ""

    # ------------------------------------------------------------ reading

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statuses = list(self.assignments.values_list("status", flat=True))
        context.update(
            attachments=self.attachments.select_related("document"),
            chain_up=self.ancestors_in_chain(),
            chain_down=self.implementing_documents(),
            assigned_count=len(statuses),
            reported_count=statuses.count(AssignmentStatus.REPORTED),
            reports=ReportPage.objects.live()
            .child_of(self)
            .filter(assignments__document=self, assignments__status=AssignmentStatus.REPORTED)
            .select_related("unit")
            .order_by("unit__path")
            .distinct(),
        )
        return context

    def heading(self):
        """ "Chỉ thị số 02/CT-TTg": the type and number, as documents are cited."""
        if self.number:
            return _("%(type)s no. %(number)s") % {
                "type": self.get_doc_type_display(),
                "number": self.number,
            }
        return self.get_doc_type_display()

    def ancestors_in_chain(self):
        """What this document carries out, from the nearest up to the top (live ones only)."""
        ids = self.chain_ids(self.implements_id)[:MAX_CHAIN_DEPTH] if self.implements_id else []
        pages = DirectivePage.objects.live().filter(pk__in=ids).select_related("issuer")
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]

    def implementing_documents(self):
        return (
            DirectivePage.objects.live()
            .filter(implements=self)
            .select_related("issuer")
            .order_by("issue_date", "pk")
        )


class DirectiveAttachment(Orderable):
    """A file attached to a document (the signed scan, an annex), from Wagtail's documents."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        _("caption"), max_length=255, blank=True, help_text=_("e.g. Signed copy, Annex 1.")
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def clean(self):
        super().clean()
        problems = self.problems()
        if problems:
            raise ValidationError({"document": problems})

    def problems(self):
        """Why this file may not be attached (not an allowed type, or too large)."""
        document = self.document if self.document_id else None
        if document is None:
            return []
        found = []
        extension = Path(document.file.name).suffix.lstrip(".").lower()
        allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", []) or []]
        if allowed and extension not in allowed:
            found.append(
                _("“%(title)s” is a .%(ext)s file; documents may be attached as: %(allowed)s.")
                % {"title": document.title, "ext": extension, "allowed": ", ".join(allowed)}
            )
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        size = document.get_file_size() if document.file else None
        if limit and size and size > limit:
            found.append(
                _("“%(title)s” is %(size)s; an attachment may be at most %(limit)s.")
                % {
                    "title": document.title,
                    "size": filesizeformat(size),
                    "limit": filesizeformat(limit),
                }
            )
        return found

    def extension(self):
        return Path(self.document.file.name).suffix.lstrip(".").upper()


class ReportPage(UnitOwned, Page):
    """A unit's report on how it carried a document out. It lives under the document, goes
    through the approval workflow like any page, and once published closes the unit's
    assignment."""

    copy_form_class = FoldingSlugCopyForm

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three lines: what was done, with figures.")
    )
    body = RichTextField(_("report"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("unit"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["directives.DirectivePage"]
    subpage_types = []

    base_form_class = ReportPageForm

    class Meta:
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REPORTED = "reported", _("Reported")


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=AssignmentStatus.REPORTED)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)


class Assignment(models.Model):
    """A unit asked to carry a document out by a deadline, and how far it has got:
    assigned → acknowledged (đã tiếp nhận) → reported (đã báo cáo)."""

    document = models.ForeignKey(
        DirectivePage,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="directive_assignments",
    )
    deadline = models.DateField(_("deadline"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    report = models.ForeignKey(
        ReportPage,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "unit__path"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "unit"],
                name="directives_assignment_unique",
                violation_error_message=_("This unit has already been assigned this document."),
            )
        ]

    def __str__(self):
        return f"{self.document} → {self.unit}"

    def clean(self):
        super().clean()
        document = self.document if self.document_id else None
        if (
            document
            and document.issue_date
            and self.deadline
            and self.deadline < document.issue_date
        ):
            raise ValidationError(
                {
                    "deadline": _(
                        "The deadline cannot be before the document was issued (%(date)s)."
                    )
                    % {"date": document.issue_date.strftime("%d/%m/%Y")}
                }
            )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status != AssignmentStatus.REPORTED and self.deadline < today
