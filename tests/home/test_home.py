import pytest
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, SiteProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english_home(home):
    translation = home.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "Home"
    translation.hero_title = "Welcome, readers"
    translation.save_revision().publish()
    return translation


def test_a_fresh_install_serves_the_union_home_page(client, home):
    assert isinstance(home, HomePage)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Chuyển đến nội dung chính" in html  # skip link, translated
    assert 'id="main"' in html and "<nav" in html and "<footer" in html
    assert "Tin tức của Đoàn trường sẽ sớm được đăng tại đây." in html  # empty state


def test_home_in_english(client, english_home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Welcome, readers" in html
    assert "Skip to content" in html


def test_language_switcher_links_only_to_existing_translations(client, home):
    html = client.get("/").content.decode()
    assert 'hreflang="en"' not in html, "no English page yet: no link to a 404"
    Page.objects.filter(pk=home.pk)  # still only Vietnamese


def test_language_switcher_links_to_the_english_home(client, english_home):
    html = client.get("/").content.decode()
    assert 'href="/en/" hreflang="en"' in html


def test_footer_shows_the_site_profile(client, home):
    profile = SiteProfile.for_site(Site.objects.get(is_default_site=True))
    profile.address = "Phường Him Lam, Điện Biên"
    profile.zalo_url = "https://zalo.me/example"
    profile.save()
    html = client.get("/").content.decode()
    assert "Phường Him Lam, Điện Biên" in html
    assert 'href="https://zalo.me/example"' in html


def test_navigation_lists_live_menu_pages_only(client, home):
    visible = home.add_child(
        instance=Page(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    )
    hidden = home.add_child(instance=Page(title="Bản nháp", slug="ban-nhap", show_in_menus=True))
    hidden.unpublish()
    html = client.get("/").content.decode()
    assert visible.title in html
    assert "Bản nháp" not in html


def test_home_page_sections_come_from_hooks(client, home):
    from django.utils.safestring import mark_safe
    from wagtail import hooks

    from home.models import HOME_SECTIONS_HOOK

    def latest(request, page):
        return mark_safe("<section id='latest'>Tin mới</section>")

    with hooks.register_temporarily(HOME_SECTIONS_HOOK, latest):
        html = client.get("/").content.decode()
    assert "<section id='latest'>Tin mới</section>" in html
    assert "sẽ sớm được đăng" not in html


class TestHomePageType(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_renders(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.assertPageIsRenderable(home)


def test_vietnamese_date_formats():
    import datetime

    from django.template import Context, Template

    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }} · {{ day|date:"DATE_FORMAT" }}')
    rendered = template.render(Context({"day": datetime.date(2022, 4, 26)}))
    assert rendered == "26/04/2022 · ngày 26 tháng 4 năm 2022"


def test_vietnamese_numbers():
    from django.template import Context, Template

    assert Template("{{ views }}").render(Context({"views": 1234567})) == "1.234.567"
