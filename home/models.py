"""The home page and the site-wide settings every page's header and footer read."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms import fragments
from cms.search.slugs import FoldingSlugCopyForm

# Other apps add sections to the home page (latest articles, the columns, latest documents)
# through this hook, so the home app never imports them. A hook is called with
# (request, page) and returns safe HTML (e.g. from render_to_string), or None.
HOME_SECTIONS_HOOK = "home_page_sections"


class HomePage(Page):
    """The union's front page: a short welcome, then what the other apps put in its sections."""

    copy_form_class = FoldingSlugCopyForm

    hero_title = models.CharField(_("headline"), max_length=255, blank=True)
    hero_text = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Welcome"),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Wagtail walks the tree one query per step (and one more for each page's specific
        type); the page a path leads to changes only with a publish, a move or an unpublish,
        so the walk's result is kept under the content stamp and the page is then one query."""
        if not path_components or not fragments.enabled():
            return super().route(request, path_components)
        found = fragments.cached(
            "route",
            (self.pk, tuple(path_components)),
            partial(self.walk, request, path_components),
            request,
        )
        if found is None:  # a page type with its own sub-routes
            return super().route(request, path_components)
        content_type_id, pk = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk, live=True).first()
        if page is None:  # gone since: walk again rather than trust the stored answer
            return super().route(request, path_components)
        return RouteResult(page)

    def walk(self, request, path_components):
        """(content type, id) of the live page a path leads to. A 404 is raised, not kept:
        made-up addresses do not fill the cache."""
        page, args, kwargs = super().route(request, path_components)
        if args or kwargs:  # a page type with its own sub-routes: not ours to remember
            return None
        return (page.content_type_id, page.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its fragment is not stored.
        context["sections"] = partial(self.sections, request)
        return context

    def sections(self, request):
        """The other apps' sections' HTML, each the same for every reader until the content
        changes (the month's most read lags by at most PAGE_CACHE_SECONDS)."""
        language = get_language()
        sections = (
            fragments.cached(
                "home-section",
                (hook.__module__, hook.__qualname__, self.pk, language),
                partial(hook, request, self),
                request,
            )
            for hook in hooks.get_hooks(HOME_SECTIONS_HOOK)
        )
        return [html for html in sections if html]


@register_setting(icon="site")
class SiteProfile(BaseSiteSetting):
    """Who the site belongs to and where else the union can be reached (footer, sharing)."""

    union_name = models.CharField(
        _("union name"), max_length=255, default="Đoàn TNCS Hồ Chí Minh Trường CĐSP Điện Biên"
    )
    short_name = models.CharField(
        _("short name"), max_length=100, default="Đoàn trường CĐSP Điện Biên"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    fanpage_url = models.URLField(_("Facebook fanpage"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("union_name"), FieldPanel("short_name")], heading=_("Name")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("fanpage_url"), FieldPanel("zalo_url"), FieldPanel("youtube_url")],
            heading=_("Other channels"),
        ),
    ]

    @classmethod
    def for_site(cls, site):
        """Every page's header and footer read it: kept under the content stamp, which saving
        the profile renews (home/apps.py)."""
        find = super().for_site
        return fragments.cached("site-profile", site.pk if site else None, partial(find, site))

    class Meta:
        verbose_name = _("site profile")
