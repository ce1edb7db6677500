"""The articles' tags in the admin: the school union gives each its English name (shown on the
English pages) and mends a misspelt one. The slug stays, so links made with it keep working."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ArticleTag
from .permissions import TAG_POLICY


class TagIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(article_count=Count("tagged_articles"))


class ArticleTagViewSet(ModelViewSet):
    model = ArticleTag
    permission_policy = TAG_POLICY
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = TagIndexView
    form_fields = ["name", "name_en"]
    list_display = [
        "name",
        "name_en",
        "slug",
        Column("article_count", label=_("Articles"), sort_key="article_count"),
    ]
    search_fields = ["name", "name_en"]
    ordering = ["name"]
    inspect_view_enabled = False
    copy_view_enabled = False
