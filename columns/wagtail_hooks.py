"""Registers the columns' pieces with Wagtail; the logic lives in the modules named here."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.purge import PURGE_URLS_HOOK

from . import admin_views, bulk_actions, feeds, sections
from .models import ArticleTag, Comment
from .permissions import COMMENT_POLICY, TAG_POLICY
from .tag_admin import ArticleTagViewSet

register_permission_policy(Comment, COMMENT_POLICY)
register_permission_policy(ArticleTag, TAG_POLICY)

hooks.register(PURGE_URLS_HOOK, feeds.purge_urls)
hooks.register("home_page_sections", sections.latest_articles)
hooks.register("home_page_sections", sections.column_blocks)
hooks.register("home_page_sections", sections.most_read_this_month)
hooks.register("construct_homepage_panels", admin_views.add_cadence_panel)
hooks.register("construct_homepage_panels", admin_views.add_write_panel)
hooks.register("construct_homepage_panels", admin_views.add_waiting_comments_panel)
for bulk_action in bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("insert_global_admin_css")
def columns_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("columns/admin.css"))


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return admin_views.CommentViewSet("column_comments")


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return ArticleTagViewSet("article_tags")


@hooks.register("register_admin_urls")
def register_cadence_report_url():
    return [
        path(
            "columns/cadence/",
            admin_views.CadenceReportView.as_view(),
            name="columns_cadence_report",
        ),
        path(
            "columns/tag-suggestions/",
            admin_views.tag_suggestions,
            name="columns_tag_suggestions",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_cadence_menu_item():
    return admin_views.CadenceMenuItem(
        _("Editorial cadence"),
        admin_views.CADENCE_URL,
        icon_name="calendar-alt",
        order=50,
    )
