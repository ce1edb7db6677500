"""Documents at the scale of a large school: the public list, the progress matrix and its XLSX.

Builds a union of FEDERATIONS × CHAPTERS chapters and DOCUMENTS documents, each assigned to
every chapter in mixed states, then times one request of each screen and counts its queries.

    .venv/bin/python bench/directives.py [documents] [chapters per federation]
"""

import datetime
import random
import sys

from _common import setup_django, timed

FEDERATIONS = 4


def build(documents, chapters):
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from directives.models import (
        Assignment,
        AssignmentStatus,
        DirectiveIndexPage,
        DirectivePage,
        Issuer,
    )
    from organisation.models import Role, Unit, UnitKind, UnitRole

    school = Unit.objects.create(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL)
    units = []
    for f in range(FEDERATIONS):
        federation = Unit.objects.create(
            code=f"LCD{f}", name=f"Liên chi đoàn {f}", kind=UnitKind.FEDERATION, parent=school
        )
        for c in range(chapters):
            units.append(
                Unit.objects.create(
                    code=f"C{f}-{c}",
                    name=f"Chi đoàn {f}-{c}",
                    kind=UnitKind.CHAPTER,
                    parent=federation,
                )
            )
    approver = get_user_model().objects.create_user("bench-approver")
    UnitRole.objects.create(user=approver, unit=school, role=Role.APPROVER)

    issuer = Issuer.objects.create(code="ĐTN", name="BCH Đoàn trường")
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))
    rng = random.Random(5)
    statuses = list(AssignmentStatus)
    for n in range(documents):
        page = index.add_child(
            instance=DirectivePage(
                title=f"Kế hoạch {n}",
                slug=f"ke-hoach-{n}",
                doc_type="plan",
                number=f"{n + 1}-KH/ĐTN",
                issuer=issuer,
                unit=school,
                issue_date=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
            )
        )
        Assignment.objects.bulk_create(
            Assignment(
                document=page,
                unit=unit,
                status=rng.choice(statuses),
                deadline=datetime.date(2022, 6, 2) + datetime.timedelta(days=n),
            )
            for unit in units
        )
    return index, approver


def measure(client, label, url, results):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches, as a second visitor would find them
    with CaptureQueriesContext(connection) as queries, timed(label, results):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print(f"{'':<40} {len(queries):8d} queries   {len(response.content) / 1024:8.1f} KB")
    return len(queries)


def main():
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    chapters = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    setup_django()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    results = {}
    with timed(f"build {documents} documents × {FEDERATIONS * chapters} chapters", results):
        index, approver = build(documents, chapters)

    public = Client()
    listing = measure(public, "public list, page 1", "/van-ban/", results)
    measure(public, "public list, filtered", "/van-ban/?status=in_progress&year=2022", results)
    admin = Client()
    admin.force_login(approver)
    progress = measure(admin, "progress matrix", "/admin/directives/progress/", results)
    measure(admin, "progress XLSX", "/admin/directives/progress/?format=xlsx", results)

    cells = documents * FEDERATIONS * chapters
    print(
        f"directives: {documents} documents × {FEDERATIONS * chapters} units ({cells} cells): "
        f"list {results['public list, page 1'][0]:.3f} s / {listing} queries, "
        f"progress {results['progress matrix'][0]:.3f} s / {progress} queries, "
        f"XLSX {results['progress XLSX'][0]:.3f} s"
    )


if __name__ == "__main__":
    main()
