"""Demo columns and articles (Vietnamese, a few in English), with photos drawn by Pillow,
readers' comments and view counts. Safe to run again: each step looks before it creates."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from organisation.models import Unit

from .demo_content import (
    ARTICLES,
    COLUMN_TITLES_EN,
    COLUMNS,
    COMMENTS,
    TAG_NAMES_EN,
    TRANSLATIONS,
)
from .models import ArticlePage, ArticleTag, ArticleView, ColumnIndexPage, Comment, CommentStatus

IMAGE_COLLECTION_TITLE = "Ảnh minh họa"


def demo_image(title, colour, seed):
    """A 1200×800 picture in the column's colour: hills, a sun and a flag, no download."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    base = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    picture = PILImage.new("RGB", (1200, 800), base)
    draw = ImageDraw.Draw(picture)
    for step in range(8):
        shade = tuple(min(255, c + 18 * step) for c in base)
        draw.rectangle([0, step * 50, 1200, step * 50 + 50], fill=shade)
    draw.ellipse([880 - seed * 17 % 300, 90, 1040 - seed * 17 % 300, 250], fill=(255, 214, 90))
    for hill in range(3):
        x = (seed * 131 + hill * 400) % 1200
        draw.polygon(
            [(x - 500, 800), (x, 420 + hill * 60), (x + 500, 800)], fill=(34, 110 + hill * 30, 60)
        )
    draw.rectangle([140, 300, 150, 620], fill=(60, 60, 60))
    draw.rectangle([150, 300, 300, 400], fill=(218, 37, 29))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    image.save()
    return image


def load(out):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()

    columns = []
    for slug, title, intro, colour, cadence in COLUMNS:
        column = ColumnIndexPage.objects.child_of(home).filter(slug=slug).first()
        if column is None:
            column = ColumnIndexPage(
                title=title,
                slug=slug,
                intro=intro,
                colour=colour,
                tracks_cadence=cadence,
                show_in_menus=True,
            )
            column.image = demo_image(f"Chuyên mục: {title}", colour, len(columns) + 100)
            home.add_child(instance=column)
            column.save_revision().publish()
        columns.append(column)

    created = 0
    articles = {}
    for number, (
        index,
        kind,
        unit_code,
        days_ago,
        slug,
        title,
        lead,
        paragraphs,
        tags,
        author,
    ) in enumerate(ARTICLES):
        column = columns[index]
        article = ArticlePage.objects.child_of(column).filter(slug=slug).first()
        if article is None:
            image = demo_image(title, column.colour, number)
            # The body's photo is another picture than the main one above it: a reader never
            # sees the same photo twice on one page.
            photo = demo_image(f"{title} (ảnh trong bài)", column.colour, number + 200)
            body = [("paragraph", f"<p>{paragraphs[0]}</p>")]
            body.append(
                (
                    "image",
                    {
                        "image": photo,
                        "caption": lead.split(". ")[0].rstrip("."),
                        "credit": "Đoàn trường",
                    },
                )
            )
            body.append(("paragraph", f"<p>{paragraphs[1]}</p>"))
            if number % 5 == 0:
                body.append(
                    (
                        "quote",
                        {
                            "text": "Tuổi trẻ là mùa xuân của xã hội.",
                            "source": "Chủ tịch Hồ Chí Minh",
                        },
                    )
                )
            article = ArticlePage(
                title=title,
                slug=slug,
                lead=lead,
                kind=kind,
                unit=units[unit_code],
                author_name=author,
                hero_image=image,
                body=body,
            )
            column.add_child(instance=article)
            article.tags.add(*tags)
            article.save_revision().publish()
            published = timezone.make_aware(
                datetime.datetime.combine(
                    today - datetime.timedelta(days=days_ago), datetime.time(8, 30)
                )
            )
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published, last_published_at=published
            )
            article.first_published_at = published
            created += 1
        articles[slug] = article
        # A few readers this month, more for the newest, so "most read" has something.
        views_day = max(today.replace(day=1), today - datetime.timedelta(days=days_ago))
        if days_ago < 30:
            ArticleView.objects.get_or_create(
                page=article, day=views_day, defaults={"count": 300 - days_ago * 9 + number}
            )

    english = Locale.objects.filter(language_code="en").first()
    if english is not None:
        for slug, (title, lead, paragraph) in TRANSLATIONS.items():
            article = articles[slug]
            if article.has_translation(english):
                continue
            column = article.get_parent().specific
            if not column.has_translation(english):
                column_en = column.copy_for_translation(english, copy_parents=True)
                column_en.title = COLUMN_TITLES_EN[column.slug]
                column_en.save_revision().publish()
            translation = article.copy_for_translation(english)
            translation.title, translation.lead = title, lead
            translation.body = [("paragraph", f"<p>{paragraph}</p>")]
            translation.save_revision().publish()
            ArticlePage.objects.filter(pk=translation.pk).update(
                first_published_at=article.first_published_at,
                last_published_at=article.first_published_at,
            )

    for tag in ArticleTag.objects.filter(name__in=TAG_NAMES_EN, name_en=""):
        tag.name_en = TAG_NAMES_EN[tag.name]
        tag.save(update_fields=["name_en"])

    for slug, name, text, approved in COMMENTS:
        Comment.objects.get_or_create(
            page=articles[slug],
            name=name,
            body=text,
            defaults={"status": CommentStatus.APPROVED if approved else CommentStatus.PENDING},
        )
    out(
        f"Chuyên mục: {len(columns)}; bài viết mới: {created}; "
        f"tổng số bài: {ArticlePage.objects.count()}; bình luận: {Comment.objects.count()}"
    )
