"""The permission matrix: every role against every action on pages owned by each unit, driven
through the Wagtail admin with the test client. URLs are typed by hand (the form posted is the
one an administrator sees), so a hidden button is never what stops anyone.

Units of the `tree` fixture: chapters a1, a2 (LCĐ I), b1 (LCĐ II), s1 (directly under the
school), the federations fed1, fed2, and the school itself.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from columns.models import ArticlePage
from tests.factories.columns import make_article
from tests.workflow.admin import form_of, fresh, position
from tests.workflow.conftest import make_draft

pytestmark = pytest.mark.django_db

UNITS = ("a1", "a2", "b1", "s1", "fed1", "fed2", "school")
ALL = frozenset(UNITS)
NONE = frozenset()
ROLES = (
    "editor_a1",
    "editor_b1",
    "reviewer_fed1",
    "reviewer_fed2",
    "approver",
    "member_manager",
    "anonymous",
)

# For each action, the units whose pages each role may act on; every other cell is refused.
EXPECTED = {
    "create": {"editor_a1": {"a1"}, "editor_b1": {"b1"}, "approver": ALL},
    "edit": {"editor_a1": {"a1"}, "editor_b1": {"b1"}, "approver": ALL},
    "submit": {"editor_a1": {"a1"}, "editor_b1": {"b1"}, "approver": ALL},
    # At the page's first step: the federation step for chapters under a federation, the
    # school step for the others.
    "approve": {"reviewer_fed1": {"a1", "a2"}, "reviewer_fed2": {"b1"}, "approver": ALL},
    "reject": {"reviewer_fed1": {"a1", "a2"}, "reviewer_fed2": {"b1"}, "approver": ALL},
    "approve_at_school": {"approver": ALL},
    "preview_in_review": {"reviewer_fed1": {"a1", "a2"}, "reviewer_fed2": {"b1"}, "approver": ALL},
    "publish": {"approver": ALL},
    "unpublish": {"approver": ALL},
    "delete_live": {"approver": ALL},
    "delete_draft": {"editor_a1": {"a1"}, "editor_b1": {"b1"}, "approver": ALL},
    "preview_draft": {"editor_a1": {"a1"}, "editor_b1": {"b1"}, "approver": ALL},
    "see_draft_listed": {
        "editor_a1": {"a1"},
        "editor_b1": {"b1"},
        "reviewer_fed1": {"a1", "a2", "fed1"},
        "reviewer_fed2": {"b1", "fed2"},
        "approver": ALL,
    },
}


@pytest.fixture
def admin_client(people):
    client = Client()
    client.force_login(people.superuser)
    return client


@pytest.fixture
def as_role(client, people):
    def log_in(role):
        if role != "anonymous":
            client.force_login(getattr(people, role))
        return client

    return log_in


def drafts_of(column, tree):
    return {name: make_draft(column, getattr(tree, name)) for name in UNITS}


def submitted(column, tree, people, to_school=False):
    pages = drafts_of(column, tree)
    workflow = pages["a1"].get_workflow()
    for page in pages.values():
        state = workflow.start(page, people.superuser)
        if to_school and state.current_task_state.task.specific.level == "federation":
            state.current_task_state.approve(user=people.superuser)
    return pages


def post_as_admin_sees_it(admin_client, client, url, **changes):
    data = form_of(admin_client, url)
    data.update(changes)
    return client.post(url, data)


# ---------------------------------------------------------------- one function per action


def try_create(client, admin_client, column, tree, people):
    outcome = set()
    for name in UNITS:
        title = f"Bài mới của {name}"
        url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
        post_as_admin_sees_it(
            admin_client,
            client,
            url,
            title=title,
            slug=f"bai-moi-{name}",
            lead="Tóm tắt.",
            unit=getattr(tree, name).pk,
        )
        if ArticlePage.objects.filter(title=title).exists():
            outcome.add(name)
    return outcome


def try_edit(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in drafts_of(column, tree).items():
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        post_as_admin_sees_it(admin_client, client, url, title="Đã sửa")
        if fresh(page).get_latest_revision().content["title"] == "Đã sửa":
            outcome.add(name)
    return outcome


def try_submit(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in drafts_of(column, tree).items():
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        post_as_admin_sees_it(admin_client, client, url, **{"action-submit": "1"})
        if position(page) != "draft":
            outcome.add(name)
    return outcome


def _act(action, client, pages):
    outcome = set()
    for name, page in pages.items():
        task_state = fresh(page).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        client.post(url, {"comment": "Ý kiến"})
        task_state.refresh_from_db()
        if task_state.status != "in_progress":
            outcome.add(name)
    return outcome


def try_approve(client, admin_client, column, tree, people):
    return _act("approve", client, submitted(column, tree, people))


def try_reject(client, admin_client, column, tree, people):
    return _act("reject", client, submitted(column, tree, people))


def try_approve_at_school(client, admin_client, column, tree, people):
    return _act("approve", client, submitted(column, tree, people, to_school=True))


def try_preview_in_review(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in submitted(column, tree, people).items():
        task = fresh(page).current_workflow_task
        url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk])
        if client.get(url).status_code == 200:
            outcome.add(name)
    return outcome


def try_publish(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in drafts_of(column, tree).items():
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        post_as_admin_sees_it(admin_client, client, url, **{"action-publish": "1"})
        if fresh(page).live:
            outcome.add(name)
    return outcome


def live_of(column, tree):
    return {
        name: make_article(column, getattr(tree, name), title=f"Tin {name}", slug=f"tin-{name}")
        for name in UNITS
    }


def try_unpublish(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in live_of(column, tree).items():
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        if not fresh(page).live:
            outcome.add(name)
    return outcome


def _delete(client, pages):
    outcome = set()
    for name, page in pages.items():
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        if not Page.objects.filter(pk=page.pk).exists():
            outcome.add(name)
    return outcome


def try_delete_live(client, admin_client, column, tree, people):
    return _delete(client, live_of(column, tree))


def try_delete_draft(client, admin_client, column, tree, people):
    return _delete(client, drafts_of(column, tree))


def try_preview_draft(client, admin_client, column, tree, people):
    outcome = set()
    for name, page in drafts_of(column, tree).items():
        responses = [
            client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
            client.get(
                reverse(
                    "wagtailadmin_pages:revisions_view",
                    args=[page.pk, page.get_latest_revision().pk],
                )
            ),
        ]
        allowed = [response.status_code == 200 for response in responses]
        assert len(set(allowed)) == 1, f"{name}: the preview URLs disagree"
        if allowed[0]:
            outcome.add(name)
    return outcome


def try_see_draft_listed(client, admin_client, column, tree, people):
    """Every place a title shows: the column's listing, the admin search, the page chooser
    and the dashboard."""
    pages = drafts_of(column, tree)
    places = [
        client.get(reverse("wagtailadmin_explore", args=[column.pk])),
        client.get(reverse("wagtailadmin_pages:search") + "?q=nháp"),
        client.get(reverse("wagtailadmin_choose_page_child", args=[column.pk])),
        client.get(reverse("wagtailadmin_home")),
    ]
    html = "".join(response.content.decode() for response in places)
    return {name for name, page in pages.items() if page.title in html}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_permission_matrix(action, role, as_role, admin_client, column, tree, people):
    client = as_role(role)
    attempt = globals()[f"try_{action}"]
    outcome = attempt(client, admin_client, column, tree, people)
    expected = set(EXPECTED[action].get(role, NONE))
    assert outcome == expected, (
        f"{role} / {action}: allowed on {sorted(outcome)}, expected {sorted(expected)}"
    )
