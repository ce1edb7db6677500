"""Content and permissions for rendering the admin screens as each role."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)
from wagtail_localize.models import Translation, TranslationSource

from home.models import HomePage
from organisation.models import Role
from organisation.roles import role_groups

# What each role may do on pages and in the media library, for rendering the screens. The
# workflow issue gives the role groups their real permissions; these are granted here so this
# suite does not depend on it (granting twice is harmless).
PAGE_PERMISSIONS = {
    Role.EDITOR: ["add_page", "change_page"],
    Role.REVIEWER: ["change_page"],
    Role.APPROVER: ["add_page", "change_page", "publish_page"],
}
MEDIA_PERMISSIONS = ["add_image", "choose_image", "add_document", "choose_document"]


@pytest.fixture
def content(people):
    """The home page with a published revision and a draft, an image and a document, and
    page and media permissions for the role groups."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.save_revision(user=people.approver).publish(user=people.superuser)
    home.hero_title = "Chào mừng đoàn viên"
    home.save_revision(user=people.editor_a1)
    groups = role_groups()
    root_collection = Collection.get_first_root_node()
    for role, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[role],
                page=home,
                permission=Permission.objects.get(codename=codename),
            )
    for role in PAGE_PERMISSIONS:
        for codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role],
                collection=root_collection,
                permission=Permission.objects.get(codename=codename),
            )
    image = get_image_model().objects.create(
        title="Ra quân Mùa hè xanh", file=get_test_image_file(), uploaded_by_user=people.editor_a1
    )
    document = get_document_model().objects.create(
        title="Kế hoạch tháng Thanh niên",
        file=ContentFile(b"%PDF-1.4 ke hoach", name="ke-hoach.pdf"),
        uploaded_by_user=people.editor_a1,
    )
    return SimpleNamespace(
        site=home.get_site(),
        root=home.get_parent(),
        home=home,
        image=image,
        document=document,
        submitted=submitted_page(people),
        english_home=english_translation(home, people),
    )


def english_translation(page, people):
    """The page's English translation, made with wagtail-localize as an editor would."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    translation.save_target(user=people.superuser)
    return page.get_translation(translation.target_locale)


def submitted_page(people):
    """A second page, submitted by an editor to the default workflow and awaiting review."""
    root = Page.get_first_root_node()
    page = root.add_child(instance=HomePage(title="Báo cáo tháng Thanh niên", slug="bao-cao"))
    page.save_revision(user=people.editor_a1)
    page.get_workflow().start(page, people.editor_a1)
    page.refresh_from_db()
    return page
