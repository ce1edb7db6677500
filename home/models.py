"""The home page and the site-wide settings every page's header and footer read."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = (hook(request, self) for hook in hooks.get_hooks(HOME_SECTIONS_HOOK))
        context["sections"] = [html for html in sections if html]
        return context


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

    class Meta:
        verbose_name = _("site profile")
