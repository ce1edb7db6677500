"""Keep the anonymous page cache fresh when a comment readers see changes (the page signals
are the page cache's own, in cms/cache.py)."""

from django.db.models.signals import post_delete, post_save, pre_save

from cms import purge

from .models import ArticleTag, Comment, CommentStatus


def remember_comment_status(sender, instance, **kwargs):
    """Before saving, note whether the comment was public, so that taking an approval back
    also refreshes the article."""
    instance.was_approved_before_save = (
        instance.pk is not None
        and Comment.objects.filter(pk=instance.pk, status=CommentStatus.APPROVED).exists()
    )


def comment_changed(sender, instance, **kwargs):
    """An approved comment appeared, changed or went away: its article must show it."""
    was_public = getattr(instance, "was_approved_before_save", False)
    if was_public or instance.status == CommentStatus.APPROVED:
        purge.purge_page(instance.page)


def tag_renamed(sender, instance, created, **kwargs):
    """A tag's name (or its English one) is on its articles, their columns and the home page."""
    if not created:
        purge.purge_everything()


def connect():
    pre_save.connect(remember_comment_status, sender=Comment, dispatch_uid="columns_comment_pre")
    post_save.connect(comment_changed, sender=Comment, dispatch_uid="columns_cache_comment")
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid="columns_cache_comment_del")
    post_save.connect(tag_renamed, sender=ArticleTag, dispatch_uid="columns_cache_tag_renamed")
