"""Who may download a document (Wagtail's ``before_serve_document`` hook).

A document is public while a live, public page uses it (Wagtail's reference index knows which
pages do) or while it sits in a collection listed in ``PUBLIC_DOCUMENT_COLLECTIONS`` (or below
one). Otherwise only a signed-in user who may see a page that uses it (the page's own
permission tester) or who may change the document itself (Wagtail's document permission
policy: its uploader, document managers) gets it; everyone else gets a 404, which says no more
than a document that does not exist.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


def pages_using(document):
    """The pages whose content refers to ``document`` (attachments, links in rich text)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        reference.object_id
        for reference in ReferenceIndex.get_references_to(document)
        if reference.base_content_type_id == page_type.pk
    }
    return Page.objects.filter(pk__in=ids)


def in_public_collection(document):
    names = set(getattr(settings, "PUBLIC_DOCUMENT_COLLECTIONS", ()))
    if not names:
        return False
    return document.collection.get_ancestors(inclusive=True).filter(name__in=names).exists()


def is_public(document):
    return in_public_collection(document) or pages_using(document).live().public().exists()


def may_see(user, document):
    """Whether a signed-in ``user`` may download a document that is not public."""
    if not (user.is_authenticated and user.is_active):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_permission_for_instance(user, "change", document):
        return True
    return any(
        page.permissions_for_user(user).can_edit() for page in pages_using(document).specific()
    )


def guard_document(document, request):
    """before_serve_document: a private document is "not found" to those who may not see it."""
    if is_public(document) or may_see(request.user, document):
        return None
    raise Http404
