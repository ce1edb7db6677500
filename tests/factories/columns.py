"""Factories for columns and articles, built under the demo-free default site."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site

from columns.models import ArticlePage, ColumnIndexPage, Comment, CommentStatus


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def make_column(title="Mỗi ngày 1 tin tốt", slug="mot-ngay-mot-tin-tot", **fields):
    column = ColumnIndexPage(title=title, slug=slug, **fields)
    home_page().add_child(instance=column)
    column.save_revision().publish()
    return column


def make_article(column, unit, title="Tin tốt", published=None, tags=(), body=None, **fields):
    """A live article under ``column``; ``published`` sets first_published_at."""
    article = ArticlePage(
        title=title,
        lead=fields.pop("lead", "Một tin tốt của chi đoàn."),
        unit=unit,
        body=body or [],
        **fields,
    )
    column.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    article.save_revision().publish()
    if published is not None:
        if isinstance(published, datetime.date) and not isinstance(published, datetime.datetime):
            published = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9)))
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=published, last_published_at=published
        )
        article.first_published_at = published
    return article


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh {n}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    name = "Quàng Văn Nam"
    body = "Bài viết rất hay."
    status = CommentStatus.APPROVED
