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
    results[label] = elapsed
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


def files(rows):
    from members.columns import HEADERS
    from members.importing import write_csv, write_xlsx

    return {"csv": write_csv(HEADERS, rows), "xlsx": write_xlsx(HEADERS, rows)}


def plain_file(rows, chapters, file_format):
    """The same rows in the plain resource's own format."""
    from members.columns import FIELDS
    from members.importing import write_csv, write_xlsx

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
    return (write_xlsx if file_format == "xlsx" else write_csv)(FIELDS, plain)


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

    print(f"peak memory growth over the whole run: {rss_mb() - baseline:.1f} MB")
    ours = results["csv: import (new)"]
    ratio = results["csv: plain ModelResource import"] / ours
    print(f"import {ROWS}: {ours:.2f} s, vs plain resource: {ratio:.1f} x")


if __name__ == "__main__":
    main()
