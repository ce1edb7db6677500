"""The demo puts articles in every state of the workflow and says who sees what."""

import pytest
from django.core import mail
from django.core.management import call_command

from organisation.review_demo import DEMO_ARTICLES
from tests.workflow.admin import position

pytestmark = pytest.mark.django_db

columns_demo = pytest.importorskip("columns.demo")


def test_the_demo_has_every_state_and_runs_twice(capsys):
    from columns.models import ArticlePage

    call_command("load_demo")
    output = capsys.readouterr().out
    pages = {
        page.slug: page
        for page in ArticlePage.objects.filter(slug__in=[a[0] for a in DEMO_ARTICLES])
    }
    assert len(pages) == len(DEMO_ARTICLES)
    assert [position(pages[slug]) for slug, *_ in DEMO_ARTICLES] == [
        "draft",
        "federation",
        "school",
        "needs_changes",
        "needs_changes",
        "live",
    ]
    assert "lcd1        chờ mình duyệt: 1; thấy bản nháp của: K20-MNA" in output
    assert "bithu.tin   chờ mình duyệt: 0; thấy bản nháp của: K20-TIN" in output
    assert mail.outbox == []  # muted

    call_command("load_demo")
    assert ArticlePage.objects.filter(slug__in=[a[0] for a in DEMO_ARTICLES]).count() == len(
        DEMO_ARTICLES
    )
