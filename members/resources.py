"""django-import-export resources of the member register.

`MemberResource` reads and writes the file format of DESIGN.md ("Members"). It is built for
whole-school files: chapters, existing members and card numbers are fetched once before the
first row, rows are written with bulk_create / bulk_update, and nothing is looked up per row,
so an import costs the same handful of queries for 10 or 10,000 rows.
"""

import re
from collections import defaultdict
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from organisation.models import Unit, UnitKind

from .choices import (
    GENDER_FILE_LABELS,
    NO,
    STATUS_FILE_LABELS,
    YES,
    Status,
    bool_from_text,
    ethnicity_from_text,
    gender_from_text,
    status_from_text,
)
from .columns import COLUMNS, FIELDS
from .models import Member, chapters_for, refuse_code_out_of_scope
from .text import nfc
from .validators import MOBILE_RE, is_formula, normalise_phone

DATE_FORMAT = "%d/%m/%Y"
FREE_FIELDS = {"code", "full_name", "card_number", "date_of_birth", "joined_on"}
_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")


# ---------------------------------------------------------------- cell values


def render_date(value):
    return value.strftime(DATE_FORMAT) if value else ""


def parse_date(value):
    """A date from dd/mm/yyyy (also d/m/yyyy, with - or .), ISO yyyy-mm-dd or a real Excel
    date; ValueError with the reason otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO_RE.match(text)
        if not match:
            raise ValueError(
                _("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 05/09/2003.")
                % {"value": text}
            )
        year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a real date (no such day in that month).") % {"value": text}
        ) from None
    return parsed


class Cell(widgets.Widget):
    """A column of the member file: ``render`` writes the value as the template shows it."""

    def __init__(self, render=None, **kwargs):
        super().__init__(**kwargs)
        self._render = render

    def clean(self, value, row=None, **kwargs):
        return nfc(value) if isinstance(value, str) else value

    def render(self, value, obj=None, **kwargs):
        if self._render is not None:
            return self._render(value)
        return "" if value is None else str(value)


def _yes_no(value):
    return YES if value else NO


def _choice_label(labels):
    return lambda value: labels.get(value, value or "")


def _chapter_code(unit):
    return unit.code if unit else ""


RENDERERS = {
    "date_of_birth": render_date,
    "joined_on": render_date,
    "gender": _choice_label(GENDER_FILE_LABELS),
    "status": _choice_label(STATUS_FILE_LABELS),
    "chapter": _chapter_code,
    "is_party_member": _yes_no,
    "app_updated": _yes_no,
}


def _field(name, header):
    return fields.Field(attribute=name, column_name=header, widget=Cell(RENDERERS.get(name)))


# ---------------------------------------------------------------- the resource


class MemberResource(resources.ModelResource):
    """Members in the template's columns; import scoped to the chapters the user manages."""

    code, full_name, date_of_birth, gender, ethnicity, chapter, joined_on = (
        _field(name, header) for name, header in COLUMNS[:7]
    )
    card_number, phone, email, is_party_member, app_updated, status = (
        _field(name, header) for name, header in COLUMNS[7:]
    )

    class Meta:
        model = Member
        fields = FIELDS
        import_order = FIELDS
        export_order = FIELDS
        import_id_fields = ["code"]
        instance_loader_class = CachedInstanceLoader
        use_bulk = True
        batch_size = 1000
        skip_unchanged = True
        report_skipped = True
        # We keep our own before/after snapshot, cheaper than deep copies and HTML diffs.
        skip_diff = True
        clean_model_instances = False  # our validate_instance runs the model's rules
        use_transactions = True

    def __init__(self, user=None, unit=None, lines=None, progress=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.unit = unit
        self.lines = lines or []
        self.progress = progress
        self.changes = {}
        self._before = None
        self._changed = []

    # ------------------------------------------------------------ scope

    def get_queryset(self):
        return Member.objects.select_related("chapter")

    def allowed_chapters(self):
        """Chapters the rows may name: those the user manages, narrowed to ``unit``."""
        # The import's rows change members: the chapters the table lets the user change.
        chapters = Unit.objects.chapters() if self.user is None else chapters_for(self.user)
        if self.unit is not None:
            chapters = chapters.filter(path__startswith=self.unit.path)
        return chapters

    def line_of(self, number):
        """The line in the file of data row ``number`` (1-based), headers being line 1."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else number + 1

    # ------------------------------------------------------------ once per file

    def before_import(self, dataset, **kwargs):
        units = list(Unit.objects.filter(kind=UnitKind.CHAPTER))
        self._chapter_by_text = {}
        for unit in units:
            self._chapter_by_text.setdefault(unit.code.casefold(), unit)
            self._chapter_by_text.setdefault(nfc(unit.name).casefold(), unit)
        self._allowed = set(self.allowed_chapters().values_list("pk", flat=True))

        code_column = dataset.headers.index(COLUMNS[0][1])
        card_column = dataset.headers.index(COLUMNS[7][1])
        self._code_lines = defaultdict(list)
        self._card_lines = defaultdict(list)
        for number, row in enumerate(dataset, 1):
            code = nfc(row[code_column]).casefold()
            card = nfc(row[card_column])
            if code:
                self._code_lines[code].append(self.line_of(number))
            if card:
                self._card_lines[card].append(self.line_of(number))
        cards = list(self._card_lines)
        self._card_owner = {}
        for start in range(0, len(cards), 500):  # stay under SQLite's parameter limit
            self._card_owner.update(
                Member.objects.filter(card_number__in=cards[start : start + 500]).values_list(
                    "card_number", "code"
                )
            )

    # ------------------------------------------------------------ per row

    def after_init_instance(self, instance, new, row, **kwargs):
        code = nfc(row.get(COLUMNS[0][1])).casefold()
        lines = self._code_lines.get(code, [])
        if len(lines) > 1:
            raise ValidationError(
                {
                    "code": _("This member code is repeated on lines %(lines)s.")
                    % {"lines": ", ".join(str(line) for line in lines)}
                }
            )
        if not new and instance.chapter_id not in self._allowed:
            refuse_code_out_of_scope(instance, self.user)
        self._before = None if new else _snapshot(instance)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        raw = row.get(field.column_name, "")
        if is_formula(raw):
            raise ValueError(
                _("The cell holds a formula (“%(value)s”); type the value itself.")
                % {"value": raw[:30]}
            )
        value = getattr(self, f"parse_{field.attribute}")(raw, row)
        setattr(instance, field.attribute, value)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        self._changed = []
        if import_validation_errors or self._before is None:
            return False
        instance.normalise()
        after = _snapshot(instance)
        self._changed = [name for name in FIELDS if after[name] != self._before[name]]
        return not self._changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own field and record rules, as the admin form runs them; uniqueness
        was settled for the whole file in before_import."""
        errors = dict(import_validation_errors or {})
        # Columns parsed against their vocabulary (choices, yes/no, phone, email) are valid by
        # construction; the model's validators still run on the free-text and date columns.
        exclude = set(errors) | (set(FIELDS) - FREE_FIELDS) | {"search_text", "sort_name"}
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            try:
                instance.clean()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        # validate_instance ran the model's clean(), which normalised the text already.
        instance.updated_at = timezone.now()

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number", 0)
        if row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            self.changes[number] = self._changed
        if self.progress is not None and number % 500 == 0:
            self.progress(number)

    def after_import(self, dataset, result, **kwargs):
        """Nothing: the ModelResource default resets the id sequence for files that carry
        ids; ours never do, and a reset racing another insert could hand out a used id."""

    def get_bulk_update_fields(self):
        derived = ["search_text", "sort_name", "app_updated_at", "updated_at"]
        return [name for name in FIELDS if name != "code"] + derived

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """One parametrised INSERT run for every new member (executemany).

        Django's bulk_create compiles each row's values through its SQL compiler, in batches
        of 55 on SQLite (999 parameters), and that was a third of a 10,000-row import. New
        members' ids are not read back: nothing after the import uses them."""
        fields = [field for field in Member._meta.concrete_fields if field != Member._meta.pk]

        def statement(table, quote):
            columns = ", ".join(quote(field.column) for field in fields)
            marks = ", ".join(["%s"] * len(fields))
            return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model's names)

        def values(member, connection):
            # pre_save fills created_at and updated_at (auto_now_add, auto_now) as save() would.
            return [
                field.get_db_prep_save(field.pre_save(member, True), connection) for field in fields
            ]

        self._write_each(self.create_instances, dry_run, statement, values, result, raise_errors)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """One parametrised UPDATE run for every changed member (executemany).

        Django's bulk_update builds a CASE expression per column and row in Python, which costs
        seconds per thousand rows."""
        fields = [Member._meta.get_field(name) for name in self.get_bulk_update_fields()]

        def statement(table, quote):
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
            key = quote(Member._meta.pk.column)
            return f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608 (model's names)

        def values(member, connection):
            return [
                field.get_db_prep_save(getattr(member, field.attname), connection)
                for field in fields
            ] + [member.pk]

        self._write_each(self.update_instances, dry_run, statement, values, result, raise_errors)

    def _write_each(self, instances, dry_run, statement, values, result, raise_errors):
        """Run one statement, built once from the model's own metadata, for each of
        ``instances`` with its ``values`` (the driver sends them in one go), then forget them.
        A preview writes nothing, not even to roll back."""
        try:
            if dry_run or not instances:
                return
            connection = connections[self.get_db_connection_name()]
            quote = connection.ops.quote_name
            sql = statement(quote(Member._meta.db_table), quote)
            with connection.cursor() as cursor:
                cursor.executemany(sql, [values(instance, connection) for instance in instances])
        except DatabaseError as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            instances.clear()

    # ------------------------------------------------------------ parsing each column

    def parse_code(self, raw, row):
        return _required(raw)

    def parse_full_name(self, raw, row):
        return _required(raw)

    def parse_date_of_birth(self, raw, row):
        return parse_date(_required(raw))

    def parse_joined_on(self, raw, row):
        return parse_date(_required(raw))

    def parse_gender(self, raw, row):
        return _one_of(raw, gender_from_text, GENDER_FILE_LABELS.values())

    def parse_status(self, raw, row):
        if not nfc(raw):
            return Status.ACTIVE
        return _one_of(raw, status_from_text, STATUS_FILE_LABELS.values())

    def parse_ethnicity(self, raw, row):
        text = _required(raw)
        value = ethnicity_from_text(text)
        if value is None:
            raise ValueError(
                _("“%(value)s” is not one of Vietnam's 54 ethnic groups (see the template).")
                % {"value": text}
            )
        return value

    def parse_chapter(self, raw, row):
        text = _required(raw)
        unit = self._chapter_by_text.get(text.casefold())
        if unit is None:
            raise ValueError(_("No chapter has the code or name “%(value)s”.") % {"value": text})
        if unit.pk not in self._allowed:
            raise ValueError(
                _("You may not manage members of %(chapter)s.") % {"chapter": unit.name}
            )
        return unit

    def chapter_label(self, text):
        """The chapter a row names, as "name (code)" for the preview."""
        unit = self._chapter_by_text.get(nfc(text).casefold())
        return f"{unit.name} ({unit.code})" if unit else nfc(text)

    def parse_card_number(self, raw, row):
        card = nfc(raw)
        if not card:
            return ""
        lines = self._card_lines.get(card, [])
        if len(lines) > 1:
            raise ValueError(
                _("This card number is repeated on lines %(lines)s.")
                % {"lines": ", ".join(str(line) for line in lines)}
            )
        owner = self._card_owner.get(card)
        if owner is not None and owner.casefold() != nfc(row.get(COLUMNS[0][1])).casefold():
            raise ValueError(_("Another member already has this card number."))
        return card

    def parse_phone(self, raw, row):
        if not nfc(raw):
            return ""
        phone = normalise_phone(raw)
        if not MOBILE_RE.match(phone):
            raise ValueError(
                _("“%(value)s” is not a Vietnamese mobile number (10 digits, e.g. 0912345678).")
                % {"value": nfc(raw)}
            )
        return phone

    def parse_email(self, raw, row):
        email = nfc(raw).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValueError(
                    _("“%(value)s” is not a valid email address.") % {"value": email}
                ) from None
        return email

    def parse_is_party_member(self, raw, row):
        return _yes_or_no(raw)

    def parse_app_updated(self, raw, row):
        return _yes_or_no(raw)


def _snapshot(instance):
    return {name: getattr(instance, "chapter_id" if name == "chapter" else name) for name in FIELDS}


def _required(raw):
    # Cells arrive in NFC with spaces tidied (files.py); dates from XLSX arrive as dates.
    text = raw if isinstance(raw, date) else (raw or "")
    if text == "":
        raise ValueError(_("This column is required."))
    return text


def _one_of(raw, lookup, labels):
    text = _required(raw)
    value = lookup(text)
    if value is None:
        raise ValueError(
            _("“%(value)s” is not allowed; write one of: %(allowed)s.")
            % {"value": text, "allowed": " / ".join(labels)}
        )
    return value


def _yes_or_no(raw):
    value = bool_from_text(raw if isinstance(raw, str) else str(raw))
    if value is None:
        raise ValueError(
            _("“%(value)s” is not allowed; write %(yes)s or %(no)s.")
            % {"value": raw, "yes": YES, "no": NO}
        )
    return value


class PlainMemberResource(resources.ModelResource):
    """django-import-export's defaults, kept only for the benchmark's comparison."""

    class Meta:
        model = Member
        fields = ["code", *FIELDS[1:]]
        import_id_fields = ["code"]
