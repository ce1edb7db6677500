import pytest
from wagtail.models import Locale, Site, Workflow

pytestmark = pytest.mark.django_db


def test_the_english_tree_goes_through_the_same_approval():
    home = Site.objects.get(is_default_site=True).root_page.specific
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    assert home.get_workflow().name == "Duyệt bài"
    assert english.get_workflow().name == "Duyệt bài"


def test_wagtails_stock_workflow_is_switched_off():
    stock = Workflow.objects.filter(name="Moderators approval").first()
    assert stock is None or not stock.active
