"""Reader-facing endpoints in the reader's language (/ for Vietnamese, /en/ for English)."""

from django.urls import path

from . import feeds, views

app_name = "columns_public"

urlpatterns = [
    path("binh-luan/<int:page_id>/", views.post_comment, name="comment"),
    path("feeds/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("feeds/<slug:column>/", feeds.LatestArticlesFeed(), name="column_feed"),
    path("feeds/<slug:column>/atom/", feeds.LatestArticlesAtomFeed(), name="column_feed_atom"),
]
