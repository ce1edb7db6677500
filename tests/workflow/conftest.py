"""A column with articles of every unit of the `tree` fixture, and the review workflow that the
migrations created."""

import pytest
from django.core import mail
from django.utils.text import slugify

from columns.models import ArticlePage
from tests.factories.columns import make_article, make_column


@pytest.fixture
def column(db):
    return make_column()


def make_draft(column, unit, owner=None, title=None):
    """An article of ``unit`` that has never been published, saved as its editor would."""
    title = title or f"Bản nháp [{unit.code}]"
    article = ArticlePage(
        title=title,
        slug=slugify(title),
        lead="Một tin tốt chưa xuất bản.",
        unit=unit,
        live=False,
        owner=owner,
    )
    column.add_child(instance=article)
    article.save_revision(user=owner)
    return article


@pytest.fixture
def drafts(column, tree, people):
    """One draft per unit, keyed by unit code attribute name (a1, a2, b1, s1, fed1, fed2,
    school)."""
    owners = {"a1": people.editor_a1, "b1": people.editor_b1}
    return {
        name: make_draft(column, getattr(tree, name), owners.get(name))
        for name in ("a1", "a2", "b1", "s1", "fed1", "fed2", "school")
    }


@pytest.fixture
def live_articles(column, tree):
    return {
        name: make_article(
            column,
            getattr(tree, name),
            title=f"Tin đã đăng của {getattr(tree, name).name}",
            slug=f"tin-{getattr(tree, name).code.lower()}",
        )
        for name in ("a1", "a2", "b1", "s1", "fed1", "fed2", "school")
    }


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox.clear()


def recipients():
    """Who received mail, as sorted usernames (addresses are username@example.invalid)."""
    return sorted(message.to[0].split("@")[0] for message in mail.outbox)
