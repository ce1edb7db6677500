"""Documents are public only while a live, public page uses them or they sit in a public
collection; otherwise only people who may see a page using them (or the document itself) get
them, and everyone else gets a 404."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection

from directives.models import DirectiveAttachment
from tests.factories.directives import document_index, make_document

# Outside a test transaction, as in production: the worker, the scheduler and a finished file
# response close the database connection between jobs (close_old_connections), which on
# PostgreSQL would end a test's transaction under it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4 bien ban hop chi doan"


def upload(name="bien-ban.pdf", by=None, collection=None):
    document = Document(title="Biên bản họp", uploaded_by_user=by)
    if collection is not None:
        document.collection = collection
    document.file.save(name, ContentFile(PDF), save=False)
    document.save()
    return document


def attach(page, document, publish):
    page.attachments.add(DirectiveAttachment(document=document, caption="Bản scan"))
    if publish:
        page.save_revision().publish()
    else:
        page.save()


def served(document, user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(document.url)
    response.close()  # a served file is streamed from an open file
    return response.status_code


def test_an_unattached_upload_is_not_public(people):
    document = upload(by=people.editor_a1)
    assert served(document) == 404
    assert served(document, people.editor_b1) == 404  # another chapter's editor
    assert served(document, people.nobody) == 404
    assert served(document, people.editor_a1) == 200  # the uploader
    assert served(document, people.approver) == 200  # manages every document
    assert served(document, people.superuser) == 200


def test_a_draft_directives_attachment_is_not_public(people, tree):
    page = make_document(document_index(), tree.a1, live=False)
    document = upload()
    attach(page, document, publish=False)
    assert served(document) == 404
    assert served(document, people.editor_b1) == 404
    assert served(document, people.member_manager) == 404  # sees no drafts
    assert served(document, people.editor_a1) == 200  # may see (edit) the page using it
    assert served(document, people.approver) == 200


def test_a_live_pages_attachment_is_public_and_stops_being_so_when_unpublished(people, tree):
    page = make_document(document_index(), tree.a1)
    document = upload()
    attach(page, document, publish=True)
    assert served(document) == 200
    assert served(document, people.editor_b1) == 200
    page.unpublish()
    assert served(document) == 404
    assert served(document, people.editor_a1) == 200


def test_a_document_in_a_public_collection_is_public(people, settings):
    settings.PUBLIC_DOCUMENT_COLLECTIONS = ["Công khai"]
    public = Collection.get_first_root_node().add_child(name="Công khai")
    below = public.add_child(name="Biểu mẫu")
    assert served(upload(collection=public)) == 200
    assert served(upload(name="mau.pdf", collection=below)) == 200
    other = Collection.get_first_root_node().add_child(name="Nội bộ")
    assert served(upload(name="noi-bo.pdf", collection=other)) == 404


def test_a_missing_document_and_a_private_one_answer_alike(people):
    document = upload(by=people.editor_a1)
    missing = Client().get(f"/documents/{document.pk + 1000}/bien-ban.pdf")
    private = Client().get(document.url)
    assert missing.status_code == private.status_code == 404
    assert missing.content == private.content


def admin_upload(user, name):
    client = Client()
    client.force_login(user)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Biên bản",
            "file": ContentFile(PDF, name=name),
            # What the form preselects once there is more than one collection.
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, re.findall(
        r"error-message.{0,300}", response.content.decode(), re.S
    )
    return Document.objects.get(file__endswith=name)


def test_a_chapter_editors_upload_goes_to_the_chapters_collection(people, tree):
    document = admin_upload(people.editor_a1, "a1.pdf")
    assert document.collection.name == "A1 · Chi đoàn A1"
    assert document.collection.get_parent() == Collection.get_first_root_node()
    again = admin_upload(people.editor_a1, "a1-lan-2.pdf")
    assert again.collection == document.collection  # one collection per chapter
    assert admin_upload(people.editor_b1, "b1.pdf").collection.name == "B1 · Chi đoàn B1"
    # Someone who is nobody's chapter editor keeps the collection they chose.
    assert admin_upload(people.approver, "dt.pdf").collection.depth == 1
    # And the upload is still private to those outside the chapter.
    assert served(document) == 404 and served(document, people.editor_b1) == 404
    assert served(document, people.editor_a1) == 200
