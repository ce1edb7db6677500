"""The four standing columns of the site, their articles, readers' comments and view counts."""

import json
import math
from functools import partial

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms import fragments
from cms.addresses import absolute_url, page_url
from cms.search.slugs import FoldingSlugCopyForm
from cms.search.slugs import slugify as ascii_slugify
from cms.text import in_reader_language
from organisation.models import UnitOwned

from .blocks import ArticleBodyBlock
from .widgets import ArticleTagWidget

ARTICLES_PER_PAGE = 12
# Words a reader gets through in a minute of Vietnamese prose on a phone.
WORDS_PER_MINUTE = 200


class ColumnIndexPage(Page):
    """A standing column of the site (e.g. "Mỗi ngày 1 tin tốt"), listing its articles."""

    copy_form_class = FoldingSlugCopyForm

    intro = models.TextField(_("short description"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b5cad",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #0b5cad."))],
        help_text=_("The column's accent colour, e.g. #0b5cad."),
    )
    tracks_cadence = models.BooleanField(
        _("keeps a daily and weekly cadence"),
        default=False,
        help_text=_(
            "One good-news item a day and one story a week; the admin report shows whether "
            "it is met."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("colour")], heading=_("Look")),
        FieldPanel("tracks_cadence"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["columns.ArticlePage"]

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def articles(self):
        """The column's live articles, newest first, ready for a listing."""
        return ArticlePage.objects.listing().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Folded, so that links made before tags had ASCII slugs (?tag=hiến-máu) still work.
        tag = ascii_slugify(request.GET.get("tag", "")[:100])
        number = request.GET.get("page", "1")[:10]
        month_key = request.GET.get("thang", "")[:7]
        # One page of the listing is the same for every reader until a publish (its cards'
        # view counts lag by at most PAGE_CACHE_SECONDS). Lazy: the template keeps its HTML in
        # a fragment under the same parts, and asks for it only when that is not stored.
        context.update(
            tag=tag,
            listing_key=(tag, number, month_key),
            listing=SimpleLazyObject(
                partial(self.listing_for_display, request, tag, number, month_key)
            ),
        )
        return context

    def listing_for_display(self, request, tag, number, month_key):
        """The page of the listing as the template reads it: ``articles`` (a paginator page),
        ``paginator``, ``tag_name``, ``months`` and ``month``."""
        found = fragments.cached(
            "column-listing",
            (self.pk, tag, number, month_key),
            partial(self.listing, tag, number, month_key),
            request,
        )
        paginator = Paginator(range(found["count"]), ARTICLES_PER_PAGE)
        return {
            "articles": PaginatorPage(found["articles"], found["number"], paginator),
            "paginator": paginator,
            "tag_name": found["tag_name"],
            "months": found["months"],
            "month": found["month"],
        }

    def listing(self, tag, number, month_key):
        """One page of the column's articles (tagged ``tag`` and published in the month
        ``month_key``, 2026-11, if given): the articles, the page number shown, the count of
        articles listed and the archive's months."""
        articles = self.articles()
        tagged = ArticleTag.objects.filter(slug=tag).first() if tag else None
        if tag:
            articles = articles.filter(tags=tagged) if tagged else articles.none()
        months = self.archive_months()
        month = next((m for m in months if m["key"] == month_key), None)
        if month is not None:
            articles = articles.filter(
                first_published_at__year=month["month"].year,
                first_published_at__month=month["month"].month,
            )
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            listing = paginator.page(number)
        except PageNotAnInteger:
            listing = paginator.page(1)
        except EmptyPage:
            listing = paginator.page(paginator.num_pages)
        articles = list(listing.object_list)
        with_card_images(articles)
        return {
            "articles": articles,
            "number": listing.number,
            "count": paginator.count,
            "tag_name": tagged.display_name if tagged else tag,
            "months": months,
            "month": month,
        }

    def archive_months(self):
        """The months the column published in, newest first, with how many articles each
        (one query): the archive readers page through by month (?thang=2026-11)."""
        rows = (
            ArticlePage.objects.live()
            .child_of(self)
            .annotate(month=TruncMonth("first_published_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )
        return [
            {"month": row["month"], "key": f"{row['month']:%Y-%m}", "count": row["count"]}
            for row in rows
            if row["month"] is not None
        ]


def with_card_images(articles):
    """Make the cards' renditions now, so that a cached list carries them (a list stored before
    they existed would make every later view look for them again)."""
    for article in articles:
        if article.hero_image is not None:
            article.hero_image.get_rendition(CARD_RENDITION)
    return articles


class ArticleTag(TagBase):
    """A tag of the articles ("hiến máu"), addressed like every page of the site by an ASCII
    slug (``?tag=hien-mau``), which survives being pasted into Zalo or an SMS; taggit's own
    would keep the Vietnamese letters."""

    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the English pages; empty: the Vietnamese name."),
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    @property
    def display_name(self):
        """The name for the reader's language: English pages show ``name_en`` when it is set."""
        return in_reader_language(self.name, self.name_en)

    def slugify(self, tag, i=None):
        slug = ascii_slugify(tag)[: self._meta.get_field("slug").max_length - 4]
        # taggit counts retries from 1; a second "doc" is "doc-2", as Wagtail numbers pages.
        return slug if i is None else f"{slug}-{i + 1}"


class ArticlePageTag(ItemBase):
    tag = models.ForeignKey(ArticleTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "columns.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    STORY = "story", _("Story")


# Sizes of the main image in listings and on the article page, prefetched together.
CARD_RENDITION = "fill-480x270"
HERO_RENDITION = "fill-1200x630"


class ArticleQuerySet(PageQuerySet):
    def listing(self, rendition=CARD_RENDITION):
        """Live articles, newest first, with what a card shows (unit, view count, image
        rendition) fetched in a fixed number of queries however many there are."""
        views = (
            ArticleView.objects.filter(page=OuterRef("pk"))
            .order_by()
            .values("page")
            .annotate(total=Sum("count"))
            .values("total")
        )
        images = get_image_model().objects.prefetch_renditions(rendition)
        return (
            self.live()
            .defer_streamfields()
            .select_related("unit")
            .prefetch_related(Prefetch("hero_image", queryset=images))
            .annotate(views=Coalesce(Subquery(views), 0))
            .order_by("-first_published_at", "-pk")
        )


class ArticlePage(UnitOwned, Page):
    """An article in a column: a good-news item (tin) or an inspiring story (câu chuyện),
    owned by the chapter or federation that wrote it."""

    copy_form_class = FoldingSlugCopyForm

    lead = models.TextField(
        _("lead"), max_length=600, help_text=_("Two or three sentences shown under the title.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        # A context of its own: the unit's "kind" (cấp) must not name the article's type.
        pgettext_lazy("article", "kind"),
        max_length=10,
        choices=ArticleKind.choices,
        default=ArticleKind.NEWS,
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("unit"), FieldPanel("author_name")],
            heading=_("About the article"),
        ),
        FieldPanel("body"),
        FieldPanel("tags", widget=ArticleTagWidget(tag_model=ArticleTag)),
        InlinePanel("related_links", label=_("Related articles"), max_num=6),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author_name"),
        index.RelatedFields("unit", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("unit"),
    ]

    parent_page_types = ["columns.ColumnIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        self.reading_minutes = self.compute_reading_minutes()
        return super().save(*args, **kwargs)

    def compute_reading_minutes(self):
        words = len(self.lead.split())
        for block in self.body:
            if block.block_type == "paragraph":
                words += len(strip_tags(block.value.source).split())
            elif block.block_type == "quote":
                words += len(block.value["text"].split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from .forms import CommentForm  # the form module imports this one
        from .sections import reading_list  # so does the sections module

        context = super().get_context(request, *args, **kwargs)
        # The template keeps its HTML in fragments (cms/templatetags/fragment_cache.py), so
        # what goes in them is passed lazily, as callables the template calls only when it
        # renders them: a page whose fragments are stored asks nothing of its body, its photos,
        # its view count or its lists.
        around = SimpleLazyObject(
            partial(
                fragments.cached,
                "article-around",
                (self.pk, self.locale_id),
                self.surroundings,
                request,
            )
        )
        context.update(
            around=around,
            body_blocks=self.body_blocks,
            views=self.total_views,
            comment_form=CommentForm,  # a class: the template makes the (empty) form
            json_ld=partial(self.structured_data, request, around),
            # The same for every article of a language until a publish; its most-read part
            # lags by at most PAGE_CACHE_SECONDS, as the fragment holding it does.
            reading_list=partial(reading_list, self),
        )
        return context

    def body_blocks(self):
        """The body's blocks with their photo numbers, every photo's renditions fetched."""
        numbered = self.numbered_body()
        self.prefetch_body_renditions(block for block, _number in numbered)
        return numbered

    def surroundings(self):
        """What the article page shows beside the article itself, all of it changed only by a
        publish or an approved comment (so cached under the content stamp)."""
        tags = list(self.tags.all())
        return {
            "unit": self.unit,
            "locale": self.locale,
            "column": ColumnIndexPage.objects.parent_of(self).first(),
            "page_tags": tags,
            "related_articles": with_card_images(self.related_articles(tags)),
            "comments": list(
                self.comments.filter(status=CommentStatus.APPROVED).order_by("created_at")
            ),
        }

    def structured_data(self, request, around):
        """schema.org NewsArticle for search engines, safe to place in a <script> tag.
        ``around``: the article's surroundings (its unit and language among them)."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "mainEntityOfPage": page_url(self, request),
            "datePublished": self.first_published_at.isoformat()
            if self.first_published_at
            else None,
            "dateModified": (
                self.last_published_at or self.first_published_at or timezone.now()
            ).isoformat(),
            "inLanguage": around["locale"].language_code,
            "author": {
                "@type": "Person" if self.author_name else "Organization",
                "name": self.author_name or around["unit"].display_name,
            },
            "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        }
        if self.hero_image_id and self.hero_image:
            data["image"] = [absolute_url(self.hero_image.get_rendition(HERO_RENDITION).url)]
        text = json.dumps(data, ensure_ascii=False)
        # The same escaping as Django's json_script: nothing can close the script tag.
        text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
        return mark_safe(text)  # noqa: S308  (escaped above)

    def numbered_body(self):
        """The body's blocks, each with its photo number ("Ảnh 1:") when it is a captioned
        image, counted in reading order."""
        numbered, number = [], 0
        for block in self.body:
            if block.block_type == "image":
                number += 1
                numbered.append((block, number))
            else:
                numbered.append((block, None))
        return numbered

    def prefetch_body_renditions(self, blocks):
        """Fetch the renditions of every photo on the page in one query, however many."""
        images = [self.hero_image] if self.hero_image_id else []
        for block in blocks:
            if block.block_type == "image":
                images.append(block.value["image"])
            elif block.block_type == "gallery":
                images.extend(item["image"] for item in block.value["images"])
        images = [image for image in images if image is not None]
        if images:
            prefetch_related_objects(images, "renditions")

    def related_articles(self, tags, limit=3):
        """The editor's picks; without them, the column's articles sharing most tags."""
        picked_ids = list(
            self.related_links.order_by("sort_order").values_list("article_id", flat=True)
        )
        if picked_ids:
            found = ArticlePage.objects.listing().in_bulk(picked_ids)
            return [found[pk] for pk in picked_ids if pk in found][:limit]
        candidates = ArticlePage.objects.listing().sibling_of(self, inclusive=False)
        tag_ids = [tag.pk for tag in tags]
        if tag_ids:
            candidates = candidates.annotate(
                shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids))
            ).order_by("-shared", "-first_published_at")
        return list(candidates[:limit])

    def total_views(self):
        return ArticleView.objects.filter(page=self).aggregate(total=Sum("count"))["total"] or 0


class ArticleRelatedLink(Orderable):
    """An article the editor picked to read next; without any, the page suggests articles
    from the same column and tags."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


class ArticleView(models.Model):
    """How many readers opened an article on one day: the view count and "most read this
    month" add these up."""

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="columns_articleview_page_day")
        ]

    def __str__(self):
        return f"{self.page_id} · {self.day}: {self.count}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Comment(models.Model):
    """A reader's comment (bình luận) on an article, shown once an editor of the article's
    unit approves it."""

    page = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), blank=True)
    body = models.TextField(_("comment"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    def record_moderation(self, user):
        """Note who decided the comment's status, and when (saved by the caller)."""
        self.moderated_at = timezone.now()
        self.moderated_by = user

    def moderate(self, status, user):
        """Approve or reject the comment as ``user`` (one click on its row, or a bulk action):
        saved and logged; saving purges its article (columns/signals.py). False when it had
        that status already (a second click, or two moderators at once)."""
        if self.status == status:
            return False
        from wagtail.log_actions import log

        self.status = status
        self.record_moderation(user)
        self.save(update_fields=["status", "moderated_at", "moderated_by"])
        log(instance=self, action="wagtail.edit", user=user)
        return True
