"""Rules the matrix does not show: URLs aimed at someone else's page, the owning-unit field,
page types editors may not create, roles granted and revoked, the dashboard panels."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from columns.models import ArticlePage, ColumnIndexPage
from organisation.models import Role, UnitRole
from organisation.panels import AwaitingMyReviewPanel, UnitPagesPanel
from tests.factories.organisation import UnitRoleFactory, UserFactory
from tests.workflow.admin import create, form_of, fresh, position, press
from tests.workflow.conftest import make_draft

pytestmark = pytest.mark.django_db


def refused(response):
    """The admin answers a refusal with 403, or with a redirect to the dashboard."""
    return (
        response.status_code == 403
        or (
            response.status_code == 302
            and response.url in ("/admin/", reverse("wagtailadmin_home"))
        )
        or (response.status_code == 302 and "/login/" in response.url)
    )


def start(page, user):
    return page.get_workflow().start(page, user)


def test_a_workflow_action_url_cannot_borrow_another_page(client, column, tree, people):
    """Wagtail checks the action against the page in the URL, not the page of the task state
    in the URL; the task checks again against the page it really belongs to."""
    theirs = make_draft(column, tree.a1, title="Bài của LCĐ I")
    mine = make_draft(column, tree.b1, title="Bài của LCĐ II")
    theirs_state = start(theirs, people.editor_a1).current_task_state
    start(mine, people.editor_b1)

    client.force_login(people.reviewer_fed2)
    url = reverse("wagtailadmin_pages:workflow_action", args=[mine.pk, "approve", theirs_state.pk])
    response = client.post(url, {"comment": ""})
    assert refused(response)
    theirs_state.refresh_from_db()
    assert theirs_state.status == "in_progress"
    assert position(mine) == "federation"


def test_an_editor_cannot_give_their_page_to_another_unit(client, column, tree, people):
    page = make_draft(column, tree.a1, people.editor_a1)
    client.force_login(people.editor_a1)
    response = press(client, page, None, unit=str(tree.b1.pk))
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert fresh(page).unit == tree.a1

    offered = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    assert list(offered.fields["unit"].queryset) == [tree.a1]


def test_the_create_form_offers_the_editors_units_and_picks_the_only_one(
    client, column, people, tree
):
    client.force_login(people.editor_a1)
    url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["unit"].queryset) == [tree.a1]
    assert form_of(client, url)["unit"] == str(tree.a1.pk)

    client.force_login(people.approver)
    form = client.get(url).context["form"]
    assert set(form.fields["unit"].queryset) >= {tree.a1, tree.b1, tree.fed1, tree.school}
    labels = [label for _, label in form.fields["unit"].choices]
    assert "— — Chi đoàn A1" in labels


def test_editors_create_articles_in_any_column_but_not_columns(client, column, people, tree):
    other_column = ColumnIndexPage(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    column.get_parent().add_child(instance=other_column)
    client.force_login(people.editor_a1)
    response = create(client, other_column, "Ý tưởng khởi nghiệp", tree.a1)
    assert response.status_code == 200
    created = ArticlePage.objects.get(title="Ý tưởng khởi nghiệp")
    assert created.get_parent().pk == other_column.pk and created.unit == tree.a1

    home = column.get_parent()
    add_column = reverse("wagtailadmin_pages:add", args=["columns", "columnindexpage", home.pk])
    assert refused(client.get(add_column))
    assert refused(client.post(add_column, {"title": "Chuyên mục lạ", "slug": "la"}))
    assert not ColumnIndexPage.objects.filter(title="Chuyên mục lạ").exists()


def test_granting_a_role_is_all_it_takes_and_revoking_takes_it_away(client, column, tree):
    user = UserFactory(username="bithu_a2")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
    assert refused(client.get(url))

    role = UnitRoleFactory(user=user, unit=tree.a2, role=Role.EDITOR)
    create(client, column, "Tin chi đoàn A2", tree.a2)
    page = ArticlePage.objects.get(title="Tin chi đoàn A2")
    assert page.unit == tree.a2

    role.delete()
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert refused(client.get(url))


def test_a_reviewer_only_sees_their_federations_submissions_waiting(client, column, tree, people):
    mine = make_draft(column, tree.a2, title="Bài A2 chờ duyệt")
    other = make_draft(column, tree.b1, title="Bài B1 chờ duyệt")
    start(mine, people.superuser)
    start(other, people.superuser)

    draft = make_draft(column, tree.a1, title="Bài A1 chưa gửi")

    client.force_login(people.reviewer_fed1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Chờ tôi duyệt" in html and "Bài A2 chờ duyệt" in html
    # Their federation's drafts are listed, but only what waits for them links to the editor.
    assert "Bài A1 chưa gửi" in html
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) not in html
    assert reverse("wagtailadmin_pages:edit", args=[mine.pk]) in html
    assert "Bài B1 chờ duyệt" not in html
    assert "Chờ Liên chi đoàn duyệt" in html  # its state in "Bài của đơn vị"

    client.force_login(people.approver)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Không có bài nào đang chờ đồng chí duyệt." in html  # both wait for a federation


def test_my_units_pages_show_where_each_stands(client, column, tree, people):
    draft = make_draft(column, tree.a1, people.editor_a1, title="Tin nháp A1")
    at_school = make_draft(column, tree.a1, people.editor_a1, title="Tin chờ trường")
    start(at_school, people.editor_a1).current_task_state.approve(user=people.reviewer_fed1)
    rejected = make_draft(column, tree.a1, people.editor_a1, title="Tin bị trả")
    start(rejected, people.editor_a1).current_task_state.reject(user=people.reviewer_fed1)

    client.force_login(people.editor_a1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bài của đơn vị" in html
    assert "Chờ tôi duyệt" not in html  # editors decide nothing
    for title, state in [
        (draft.title, "Bản nháp"),
        (at_school.title, "Chờ Đoàn trường duyệt"),
        (rejected.title, "Bị trả lại, cần sửa"),
    ]:
        row = html[html.index(title) :]
        assert state in row[: row.index("</tr>")]


def queries_to_render(panel, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        panel.render_html({"request": request, "csrf_token": ""})
    return len(queries)


@pytest.mark.parametrize("panel_class", [AwaitingMyReviewPanel, UnitPagesPanel])
def test_the_panels_cost_the_same_for_few_and_many_pages(column, tree, people, panel_class):
    def add(count, offset):
        for number in range(offset, offset + count):
            page = make_draft(column, tree.a1, title=f"Tin số {number}")
            start(page, people.editor_a1)

    add(2, 0)
    few = queries_to_render(panel_class(), UserFactory.build(pk=people.approver.pk, username="x"))
    add(8, 2)
    many = queries_to_render(panel_class(), UserFactory.build(pk=people.approver.pk, username="x"))
    assert few == many


def test_unit_roles_follow_role_changes_within_a_session(client, column, tree, people):
    page = make_draft(column, tree.b1, title="Bài B1")
    client.force_login(people.editor_a1)
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    UnitRole.objects.create(user=people.editor_a1, unit=tree.b1, role=Role.EDITOR)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_bulk_actions_in_the_explorer_obey_the_same_rules(client, column, tree, people):
    from tests.factories.columns import make_article

    draft = make_draft(column, tree.a1, people.editor_a1, title="Nháp A1 đăng hàng loạt")
    live = make_article(column, tree.a1, title="Tin A1 đã đăng", slug="tin-a1-da-dang")
    client.force_login(people.editor_a1)

    def bulk(action, page):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return client.post(f"{url}?id={page.pk}", {})

    bulk("publish", draft)
    bulk("unpublish", live)
    bulk("delete", live)
    assert not fresh(draft).live
    assert fresh(live).live

    # The same requests from an approver go through, so the refusals above are the rules'.
    client.force_login(people.approver)
    bulk("publish", draft)
    bulk("unpublish", live)
    assert fresh(draft).live
    assert not fresh(live).live


@pytest.mark.parametrize("who", ["editor_a1", "approver"])
def test_the_explorer_costs_the_same_for_few_and_many_articles(client, column, tree, people, who):
    from tests.factories.columns import make_article

    url = reverse("wagtailadmin_explore", args=[column.pk])
    client.force_login(getattr(people, who))

    def queries():
        client.get(url)  # warm the per-process caches (content types, site root)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for number in range(2):
        make_article(column, tree.a1, title=f"Tin {number}", slug=f"tin-{number}")
        make_draft(column, tree.b1, title=f"Nháp B1 số {number}")
    few = queries()
    for number in range(2, 12):
        make_article(column, tree.b1, title=f"Tin {number}", slug=f"tin-{number}")
        make_draft(column, tree.b1, title=f"Nháp B1 số {number}")
    assert queries() == few
