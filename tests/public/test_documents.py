"""The demo's documents as a reader opens them: signed, with a file to download, and listed
on the English site too."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from directives.models import DirectivePage

pytestmark = pytest.mark.django_db


def test_demo_documents_have_a_signer_and_the_school_guidance_a_signed_copy():
    call_command("load_demo", stdout=io.StringIO())
    documents = DirectivePage.objects.live()
    assert documents.exists() and not documents.filter(signer="").exists()
    guidance = documents.get(number="226-CV/ĐTN")
    attachment = guidance.attachments.get()
    html = Client().get(guidance.url).content.decode()
    assert "Bản có chữ ký (mẫu)" in html and attachment.document.url in html
    with attachment.document.file.open("rb") as file:
        assert file.read(8) == b"%PDF-1.4"

    # The English site has its "Documents" too: the Vietnamese documents, listed in English.
    english = Client().get("/en/van-ban/")
    assert english.status_code == 200
    html = english.content.decode()
    assert "<h1>Documents</h1>" in html and "published in Vietnamese" in html
    assert guidance.url in html and f"{documents.count()} documents" in html
    switcher = Client().get("/van-ban/").content.decode().split('class="language-switcher"')[1]
    assert 'href="/en/van-ban/"' in switcher.split("</nav>")[0]
