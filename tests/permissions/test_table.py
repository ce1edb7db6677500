"""Every row of the permission table (organisation/rules.py), for every role held in a chapter,
a federation and the school union, for users holding two roles, and for a user with none; each
tried on an object of the holder's own units and of another unit, through the admin as a person
would: the test client, the real URLs, the real forms.

The expected answer is read from the table; the answer given is what the admin did.
"""

import itertools

import pytest
from django.urls import reverse

from columns.models import ArticleTag, ColumnIndexPage, Comment
from members.models import Member
from organisation.rules import RULES
from tests.factories.columns import CommentFactory, make_article, make_column
from tests.factories.members import MemberFactory

from .conftest import HOLDERS, TARGETS, expected, expected_anywhere

pytestmark = pytest.mark.django_db

MEMBER_FORM = {
    "full_name": "Lường Thị Hoa",
    "date_of_birth": "2004-05-06",
    "gender": "female",
    "ethnicity": "Thái",
    "joined_on": "2019-03-26",
    "status": "active",
}


def ok(response):
    return response.status_code == 200


# ---------------------------------------------------------------- what each action does


def member_in(tree, target):
    return MemberFactory(full_name=f"Lò Văn {target}", chapter=getattr(tree, target))


def try_member_view(client, tree, target):
    member = member_in(tree, target)
    return ok(client.get(reverse("members:history", args=[member.pk])))


def try_member_change(client, tree, target):
    member = member_in(tree, target)
    return ok(client.get(reverse("members:edit", args=[member.pk])))


def try_member_delete(client, tree, target):
    member = member_in(tree, target)
    client.post(reverse("members:delete", args=[member.pk]))
    return not Member.objects.filter(pk=member.pk).exists()


def try_member_add(client, tree, target):
    code = f"SV{target.upper()}"
    data = {**MEMBER_FORM, "code": code, "chapter": getattr(tree, target).pk}
    client.post(reverse("members:add"), data)
    return Member.objects.filter(code=code).exists()


def try_member_export(client, tree, target):
    member = member_in(tree, target)
    response = client.get(reverse("members:index"), {"export": "csv"})
    return ok(response) and member.code in response.content.decode("utf-8-sig")


def try_member_import(client, tree, target):
    # Which rows an importer may write is the import's own check (tests/members); here, who
    # reaches the import screen at all.
    return ok(client.get(reverse("members:import")))


def column_for(target):
    slug = f"cot-{target}"
    return ColumnIndexPage.objects.filter(slug=slug).first() or make_column(
        title=f"Cột {target}", slug=slug
    )


def comment_in(tree, target):
    article = make_article(column_for(target), getattr(tree, target), title=f"Tin {target}")
    return CommentFactory(page=article, body=f"Ý kiến số {article.pk} về tin {target}")


def try_comment_view(client, tree, target):
    comment = comment_in(tree, target)
    response = client.get(reverse("column_comments:index"))
    return ok(response) and comment.body in response.content.decode()


def try_comment_change(client, tree, target):
    comment = comment_in(tree, target)
    return ok(client.get(reverse("column_comments:edit", args=[comment.pk])))


def try_comment_delete(client, tree, target):
    comment = comment_in(tree, target)
    client.post(reverse("column_comments:delete", args=[comment.pk]))
    return not Comment.objects.filter(pk=comment.pk).exists()


def try_cadence(client, tree, target):
    return ok(client.get(reverse("columns_cadence_report")))


def draft_in(tree, target):
    column = column_for(target)
    article = make_article(column, getattr(tree, target), title=f"Bản nháp {target}")
    article.unpublish()
    article.title = f"Bản nháp số {article.pk} của {target}"
    article.save_revision()
    return column, article


def try_page_write(client, tree, target):
    _column, draft = draft_in(tree, target)
    return ok(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))


def try_page_see_drafts(client, tree, target):
    # The dashboard's "Bài của đơn vị": reviewers hold no page permission, so the explorer is
    # not theirs (tests/permissions/test_leaks.py tries the explorer).
    _column, draft = draft_in(tree, target)
    response = client.get(reverse("wagtailadmin_home"))
    return ok(response) and draft.title in response.content.decode()


def try_page_delete_draft(client, tree, target):
    _column, draft = draft_in(tree, target)
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    return not type(draft).objects.filter(pk=draft.pk).exists()


def try_tag_change(client, tree, target):
    tag = ArticleTag.objects.create(name="hiến máu")
    client.post(
        reverse("article_tags:edit", args=[tag.pk]), {"name": "hiến máu", "name_en": "blood"}
    )
    renamed = ArticleTag.objects.get(pk=tag.pk).name_en == "blood"
    tag.delete()
    return renamed


def try_index(url_name):
    def attempt(client, tree, target):
        return ok(client.get(reverse(url_name)))

    return attempt


# Actions tried on one object, in the holder's unit or another.
PER_UNIT = {
    "member.view": try_member_view,
    "member.change": try_member_change,
    "member.delete": try_member_delete,
    "member.add": try_member_add,
    "member.export": try_member_export,
    "comment.view": try_comment_view,
    "comment.change": try_comment_change,
    "comment.delete": try_comment_delete,
    "page.write": try_page_write,
    "page.see_drafts": try_page_see_drafts,
    "page.delete_draft": try_page_delete_draft,
}
# Actions whose screen is open or shut as a whole: allowed when allowed for any unit.
ANYWHERE = {
    "member.import": try_member_import,
    "column.cadence": try_cadence,
    "unit.view": try_index("units:index"),
    "unitrole.view": try_index("unit_roles:index"),
    "tag.view": try_index("article_tags:index"),
    "tag.change": try_tag_change,
}
# Rows tried elsewhere, with the screens they need (named so none is forgotten).
ELSEWHERE = {
    "member.audit": "tests/permissions/test_audit.py",
    "unit.add": "superusers only, as unit.view",
    "unit.change": "superusers only, as unit.view",
    "unit.delete": "superusers only, as unit.view",
    "unitrole.add": "superusers only, as unitrole.view",
    "unitrole.change": "superusers only, as unitrole.view",
    "unitrole.delete": "superusers only, as unitrole.view",
    "page.delete": "tests/workflow/test_permissions.py (live pages)",
    "page.publish": "tests/workflow/test_permissions.py",
    "page.lock": "tests/workflow/test_permissions.py",
    "page.create_structure": "tests/workflow/test_permissions.py",
    "page.review": "tests/workflow/test_path.py",
    "page.approve": "tests/workflow/test_path.py",
    "assignment.act": "tests/directives/test_assignments.py",
    "assignment.assign": "tests/directives/test_assignments.py",
    "assignment.follow": "tests/directives/test_admin.py",
}


def test_every_row_of_the_table_is_tried():
    assert set(RULES) == set(PER_UNIT) | set(ANYWHERE) | set(ELSEWHERE)


@pytest.mark.parametrize("name", list(HOLDERS))
def test_each_holder_may_do_what_the_table_says_in_each_unit(client, tree, holder, name):
    """One test per holder, trying every action in their unit and in another (one tree per
    holder keeps the run short); every cell that disagrees with the table is reported."""
    person = holder(name)
    client.force_login(person.user)
    wrong = []
    for action, target in itertools.product(PER_UNIT, TARGETS):
        done = PER_UNIT[action](client, tree, target)
        if done != expected(person.holdings, action, target, tree):
            wrong.append(f"{action} in {target}: {'done' if done else 'refused'}")
    assert not wrong, wrong


@pytest.mark.parametrize("name", list(HOLDERS))
def test_each_holder_reaches_the_screens_the_table_opens(client, tree, holder, name):
    person = holder(name)
    client.force_login(person.user)
    wrong = [
        action
        for action, attempt in ANYWHERE.items()
        if attempt(client, tree, None) != expected_anywhere(person.holdings, action, tree)
    ]
    assert not wrong, wrong


def test_a_superuser_may_do_everything(client, tree, people):
    client.force_login(people.superuser)
    refused = [action for action, attempt in PER_UNIT.items() if not attempt(client, tree, "b1")]
    refused += [action for action, attempt in ANYWHERE.items() if not attempt(client, tree, None)]
    assert not refused, refused
