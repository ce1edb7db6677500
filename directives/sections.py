"""The latest documents, as a section of the home page (through the home_page_sections hook)."""

from django.template.loader import render_to_string

from .models import DirectiveIndexPage, DirectivePage

HOME_SECTION_SIZE = 5


def latest_documents_section(request, page):
    """Safe HTML with the newest live documents in the home page's language, or None."""
    index = DirectiveIndexPage.objects.live().child_of(page).first()
    if index is None:
        return None
    documents = list(
        DirectivePage.objects.live()
        .child_of(index)
        .select_related("issuer")
        .order_by("-issue_date", "-first_published_at")[:HOME_SECTION_SIZE]
    )
    if not documents:
        return None
    return render_to_string(
        "directives/includes/home_section.html",
        {"index": index, "documents": documents},
        request=request,
    )
