"""Chapter editors upload only into their own units' collections, by Wagtail's collection
permissions: the upload forms offer only those collections, and a form sent with another
unit's collection still lands in the editor's own."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from cms.security.uploads import unit_collection
from organisation.models import Role, UnitRole
from tests.factories.organisation import UnitRoleFactory

pytestmark = pytest.mark.django_db


def png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def offered(client, url):
    """The collections the upload form offers (none shown when there is only one)."""
    page = client.get(url).content.decode()
    select = re.search(r'<select[^>]*name="collection".*?</select>', page, re.S)
    return re.findall(r'<option value="(\d+)"', select.group(0)) if select else []


def test_an_editors_document_lands_in_their_chapter_whatever_the_form_says(people, tree):
    other = unit_collection(tree.b1)
    response = signed_in(people.editor_a1).post(
        "/admin/documents/add/",
        {
            "title": "Biên bản",
            "file": ContentFile(b"%PDF-1.4", name="tai-len-a1.pdf"),
            "collection": other.pk,
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(file__endswith="tai-len-a1.pdf")
    assert document.collection == unit_collection(tree.a1)


def test_an_editors_image_lands_in_their_chapter_whatever_the_form_says(people, tree):
    other = unit_collection(tree.b1)
    response = signed_in(people.editor_a1).post(
        "/admin/images/add/",
        {"title": "Ảnh", "file": png("tai-len-a1.png"), "collection": other.pk},
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Ảnh").collection == unit_collection(tree.a1)


def test_the_form_offers_only_the_editors_own_units(people, tree):
    UnitRoleFactory(user=people.editor_a1, unit=tree.a2, role=Role.EDITOR)
    client = signed_in(people.editor_a1)
    mine = {str(unit_collection(tree.a1).pk), str(unit_collection(tree.a2).pk)}
    unit_collection(tree.b1)  # another chapter's collection exists ...
    for url in ["/admin/documents/add/", "/admin/images/add/", "/admin/documents/multiple/add/"]:
        assert set(offered(client, url)) == mine, url  # ... and is not offered, nor the root
    refused = client.post(
        "/admin/documents/add/",
        {
            "title": "Biên bản",
            "file": ContentFile(b"%PDF-1.4", name="tai-len-b1.pdf"),
            "collection": unit_collection(tree.b1).pk,
        },
    )
    assert refused.status_code == 200  # the form again, with the choice refused
    assert not Document.objects.filter(file__endswith="tai-len-b1.pdf").exists()


def test_approvers_may_upload_anywhere(people, tree):
    client = signed_in(people.approver)
    unit_collection(tree.b1)
    assert set(offered(client, "/admin/documents/add/")) == {
        str(pk) for pk in Collection.objects.values_list("pk", flat=True)
    }


def test_upload_groups_follow_the_editor_role(people, tree):
    group_names = lambda user: set(user.groups.values_list("name", flat=True))  # noqa: E731
    assert "Tải lên: A1 · Chi đoàn A1" in group_names(people.editor_a1)
    UnitRole.objects.filter(user=people.editor_a1).delete()
    assert not any(name.startswith("Tải lên") for name in group_names(people.editor_a1))
    # Other roles give no upload group.
    assert not any(name.startswith("Tải lên") for name in group_names(people.reviewer_fed1))
    assert Group.objects.filter(name="Tải lên: A1 · Chi đoàn A1").exists()


def test_a_renamed_unit_keeps_its_collection_and_its_editors_their_files(people, tree):
    """The collection and the upload group follow the unit's new name: the editor's earlier
    files stay in the collection their group may add to (and so they may still edit them)."""
    document = Document.objects.create(
        title="Kế hoạch",
        file=ContentFile(b"%PDF-1.4", name="ke-hoach.pdf"),
        uploaded_by_user=people.editor_a1,
    )
    before = document.collection
    assert before.name == "A1 · Chi đoàn A1"
    tree.a1.name = "Chi đoàn A1 Sư phạm"
    tree.a1.save()
    UnitRoleFactory(user=people.editor_a1, unit=tree.a1, role=Role.REVIEWER)  # any role change

    collection = unit_collection(tree.a1)
    assert collection.pk == before.pk and collection.name == "A1 · Chi đoàn A1 Sư phạm"
    assert Collection.objects.filter(name__startswith="A1 · ").count() == 1
    names = set(people.editor_a1.groups.values_list("name", flat=True))
    assert "Tải lên: A1 · Chi đoàn A1 Sư phạm" in names
    assert not Group.objects.filter(name="Tải lên: A1 · Chi đoàn A1").exists()
    edit = signed_in(people.editor_a1).get(f"/admin/documents/edit/{document.pk}/")
    assert edit.status_code == 200
