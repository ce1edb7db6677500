"""Every admin screen an editor, reviewer, approver or member manager meets reads in
Vietnamese: none of the common English admin words shows in its visible text."""

import pytest

from tests.i18n.screens import SCREENS, english_in_context, html_of, visible_text

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves the temporary file of each new image rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    # wagtail-localize's translations report paginates an unordered queryset.
    pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning"),
]

CASES = [(screen, role) for screen in SCREENS for role in screen.roles]


def assert_reads_in_vietnamese(client, people, content, screen, role):
    client.force_login(getattr(people, role))
    response = client.get(screen.url_for(content))
    assert response.status_code == 200, f"{screen} as {role}: {response.status_code}"
    text = visible_text(html_of(response, screen.modal))
    english = english_in_context(text)
    assert not english, f"{screen} as {role} shows English:\n" + "\n".join(english)


@pytest.mark.parametrize(("screen", "role"), CASES, ids=[f"{s.name}-{r}" for s, r in CASES])
def test_screen_reads_in_vietnamese(client, people, content, screen, role):
    assert_reads_in_vietnamese(client, people, content, screen, role)


def test_member_import_preview_reads_in_vietnamese(client, people, tree):
    """The preview is the answer to an upload, so it is posted, not opened."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    sample = Path(__file__).resolve().parents[1] / "data" / "good.xlsx"
    client.force_login(people.superuser)
    response = client.post(
        reverse("members:import"),
        {"file": SimpleUploadedFile("good.xlsx", sample.read_bytes())},
    )
    assert response.status_code == 200
    text = visible_text(html_of(response))
    assert "đoàn viên mới" in text
    english = english_in_context(text)
    assert not english, "the import preview shows English:\n" + "\n".join(english)
