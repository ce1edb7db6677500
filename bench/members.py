"""Member import/export benchmark: 10,000 valid rows, CSV and XLSX.

Prints, for each format: dry run, import of new rows, re-import (all unchanged), update (all
changed) and export times with the peak memory growth (resident set, MB), then the time of a
plain django-import-export ModelResource (default settings) on the same rows, and the ratio.

The plain resource cannot read our Vietnamese columns and values, so it gets the same rows
translated into its own format (field names, ISO dates, choice keys, chapter ids), parsed
from the same kind of file. Run with `.venv/bin/python bench/members.py [ROWS]`.
"""

import resource
import sys
import time

from _common import setup_django

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
CHAPTERS = 20


def rss_mb():
    # ru_maxrss is in kilobytes on Linux: the peak of the process so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label, results, function):
    before = rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    value = function()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    growth = rss_mb() - before
    # Ratios use CPU time: on a shared machine the wall clock mostly measures the others.
    results[label] = cpu
    # CPU time beside wall time: on a shared machine the wall clock includes waiting.
    print(
        f"{label:<34} {elapsed:7.2f} s (cpu {cpu:6.2f} s)   peak memory +{growth:6.1f} MB",
        flush=True,
    )
    return value


def build_units():
    from organisation.models import Unit, UnitKind

    school = Unit.objects.create(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL)
    federation = Unit.objects.create(
        code="LCD1", name="Liên chi đoàn I", kind=UnitKind.FEDERATION, parent=school
    )
    return [
        Unit.objects.create(
            code=f"K{n:02d}", name=f"Chi đoàn K{n:02d}", kind=UnitKind.CHAPTER, parent=federation
        )
        for n in range(CHAPTERS)
    ]


def member_rows(count, suffix=""):
    families = ["Lò", "Quàng", "Cà", "Lường", "Giàng", "Sùng", "Nguyễn", "Trần"]
    peoples = ["Thái", "Mông", "Kinh", "Khơ-mú", "Dao"]
    rows = []
    for n in range(count):
        rows.append(
            [
                f"SV{n:06d}",
                f"{families[n % 8]} Thị Mai{suffix}",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2000 + n % 5}",
                "Nữ" if n % 3 else "Nam",
                peoples[n % 5],
                f"K{n % CHAPTERS:02d}",
                f"{1 + n % 28:02d}/03/2019",
                f"T{n:06d}",
                f"09{n:08d}",
                f"sv{n}@example.com",
                "Không",
                "Có" if (n % 2) ^ bool(suffix) else "Không",
                "Đang sinh hoạt",
            ]
        )
    return rows


def write(headers, rows, file_format):
    from cms.spreadsheets import Sheet, write_csv, write_xlsx

    if file_format == "xlsx":
        return write_xlsx(Sheet(title="Đoàn viên", headers=headers, rows=rows))
    return write_csv(headers, rows)


def files(rows):
    from members.columns import HEADERS

    return {"csv": write(HEADERS, rows, "csv"), "xlsx": write(HEADERS, rows, "xlsx")}


def plain_file(rows, chapters, file_format):
    """The same rows in the plain resource's own format."""
    from members.columns import FIELDS

    chapter_ids = {unit.code: str(unit.pk) for unit in chapters}

    def iso(text):
        day, month, year = text.split("/")
        return f"{year}-{month}-{day}"

    plain = []
    for row in rows:
        values = dict(zip(FIELDS, row, strict=True))
        values.update(
            date_of_birth=iso(values["date_of_birth"]),
            joined_on=iso(values["joined_on"]),
            gender="female" if values["gender"] == "Nữ" else "male",
            chapter=chapter_ids[values["chapter"]],
            is_party_member="0",
            app_updated="1" if values["app_updated"] == "Có" else "0",
            status="active",
        )
        plain.append([values[name] for name in FIELDS])
    return write(FIELDS, plain, file_format)


def bench_format(file_format, content, updated, chapters, results):
    import tablib

    from members.importing import export_members, run_import
    from members.models import Member
    from members.resources import PlainMemberResource

    Member.objects.all().delete()
    name = f"members.{file_format}"

    def run(content, dry_run, expect):
        outcome = run_import(name, content, dry_run=dry_run)
        assert outcome.ok, [str(error) for error in outcome.errors[:5]]
        assert outcome.counts()[expect] == ROWS, outcome.counts()

    def label(text):
        return f"{file_format}: {text}"

    measure(label("dry run"), results, lambda: run(content, True, "created"))
    measure(label("import (new)"), results, lambda: run(content, False, "created"))
    measure(label("re-import (unchanged)"), results, lambda: run(content, False, "unchanged"))
    measure(label("update (all changed)"), results, lambda: run(updated, False, "updated"))
    measure(label("export"), results, lambda: export_members(Member.objects.all(), file_format))

    Member.objects.all().delete()
    plain = plain_file(member_rows(ROWS), chapters, file_format)

    def run_plain():
        text = plain.decode("utf-8-sig") if file_format == "csv" else plain
        dataset = tablib.Dataset().load(text, format=file_format)
        result = PlainMemberResource().import_data(dataset, dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors()
        assert Member.objects.count() == ROWS

    measure(label("plain ModelResource import"), results, run_plain)
    ratio = results[label("plain ModelResource import")] / results[label("import (new)")]
    print(f"{file_format}: ours is {ratio:.1f} x faster than the plain resource", flush=True)


def openpyxl_rows(content):
    """The rows of an XLSX file read by openpyxl's read-only mode (the reader we replaced)."""
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(values) for values in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def openpyxl_write(headers, rows):
    """An XLSX file written by openpyxl's write-only mode (the writer we replaced)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đoàn viên")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bench_libraries(content, results):
    """Readers and writers on the same rows, in the same run: keep the fastest."""
    from members.files import read_member_file
    from members.importing import EXPORT_HEADERS, export_rows, write_members
    from members.models import Member

    measure("read xlsx: calamine (ours)", results, lambda: read_member_file("m.xlsx", content))
    measure("read xlsx: openpyxl read-only", results, lambda: openpyxl_rows(content))
    rows = list(export_rows(Member.objects.all()))
    measure("write xlsx: XlsxWriter constant memory", results, lambda: write_members(rows, "xlsx"))
    measure(
        "write xlsx: openpyxl write-only", results, lambda: openpyxl_write(EXPORT_HEADERS, rows)
    )
    for kind in ("read xlsx", "write xlsx"):
        ours, theirs = (value for key, value in results.items() if key.startswith(kind))
        print(f"{kind}: ours takes {ours / theirs:.2f} x the time of openpyxl", flush=True)


def main():
    setup_django()
    baseline = rss_mb()
    chapters = build_units()
    new, changed = files(member_rows(ROWS)), files(member_rows(ROWS, suffix=" Anh"))
    print(f"{ROWS} rows, {CHAPTERS} chapters; CSV {len(new['csv']) / 1e6:.1f} MB, "
          f"XLSX {len(new['xlsx']) / 1e6:.1f} MB")  # fmt: skip
    results = {}
    for file_format in ("csv", "xlsx"):
        bench_format(file_format, new[file_format], changed[file_format], chapters, results)
    from members.importing import run_import

    run_import("m.xlsx", new["xlsx"], dry_run=False)
    bench_libraries(new["xlsx"], results)

    print(f"peak memory growth over the whole run: {rss_mb() - baseline:.1f} MB")
    ours = results["csv: import (new)"]
    ratio = results["csv: plain ModelResource import"] / ours
    xlsx_ratio = results["xlsx: import (new)"] / ours
    print(
        f"CPU time, import {ROWS}: CSV {ours:.2f} s "
        f"({ratio:.1f} x faster than the plain resource), "
        f"XLSX {results['xlsx: import (new)']:.2f} s ({xlsx_ratio:.2f} x the CSV time); "
        f"export XLSX {results['xlsx: export']:.2f} s, CSV {results['csv: export']:.2f} s"
    )


if __name__ == "__main__":
    main()
