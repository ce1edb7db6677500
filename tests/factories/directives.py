"""Documents, issuers and assignments for the directives tests."""

import datetime

import factory
from wagtail.models import Site

from directives.models import (
    Assignment,
    DirectiveIndexPage,
    DirectivePage,
    DocType,
    Issuer,
    ReportPage,
)


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Cơ quan ban hành {n}")
    code = factory.Sequence(lambda n: f"CQ{n}")


def document_index(home=None):
    """The /van-ban/ list under the default site's home page (created once)."""
    home = home or Site.objects.get(is_default_site=True).root_page.specific
    index = DirectiveIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))
    return index


_counter = iter(range(1, 10_000_000))


def make_document(
    index,
    unit,
    *,
    issuer=None,
    number=None,
    title=None,
    doc_type=DocType.GUIDANCE,
    issue_date=datetime.date(2022, 4, 4),
    implements=None,
    live=True,
    **fields,
):
    """A document under ``index``, published unless live=False. Numbers default to the
    Union style with the issuer's code, e.g. 7-HD/ĐTN."""
    n = next(_counter)
    issuer = issuer or IssuerFactory(code="ĐTN", name="BCH Đoàn trường")
    page = DirectivePage(
        title=title or f"Văn bản thử {n}",
        slug=f"van-ban-{n}",
        doc_type=doc_type,
        number=number if number is not None else f"{n}-HD/{issuer.code}",
        issuer=issuer,
        issue_date=issue_date,
        implements=implements,
        unit=unit,
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def make_report(document, unit, *, owner=None, live=True, slug=None):
    report = ReportPage(
        title=f"Báo cáo của {unit.name}",
        slug=slug or f"bao-cao-{unit.code.lower()}",
        unit=unit,
        owner=owner,
        live=False,
    )
    document.add_child(instance=report)
    revision = report.save_revision(user=owner)
    if live:
        revision.publish()
        report.refresh_from_db()
    return report


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    deadline = datetime.date(2022, 6, 2)
