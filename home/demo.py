"""Demo home page text, its English translation and the union's contact details."""

from wagtail.models import Locale, Site

from .models import HomePage, SiteProfile

HERO_VI = (
    "<p>Trang thông tin của Đoàn TNCS Hồ Chí Minh Trường Cao đẳng Sư phạm Điện Biên: "
    "tin tốt mỗi ngày, câu chuyện đẹp mỗi tuần, văn bản chỉ đạo và kết quả triển khai "
    "của từng chi đoàn.</p>"
)
HERO_EN = (
    "<p>News from the Ho Chi Minh Communist Youth Union of Dien Bien Pedagogical College: "
    "good news every day, an inspiring story every week, official guidance and how each "
    "chapter carries it out.</p>"
)


def load(out):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if isinstance(home, HomePage) and not home.hero_title:
        home.hero_title = "Tuổi trẻ Sư phạm Điện Biên – chuyển đổi số từ chi đoàn"
        home.hero_text = HERO_VI
        home.save_revision().publish()

    english = Locale.objects.get(language_code="en")
    if not home.has_translation(english):
        translation = home.copy_for_translation(english)
        translation.title = "Home"
        translation.hero_title = "Dien Bien Pedagogical College youth: going digital"
        translation.hero_text = HERO_EN
        translation.save_revision().publish()

    profile = SiteProfile.for_site(site)
    if not profile.address:
        profile.address = "Tổ dân phố 6, phường Him Lam, tỉnh Điện Biên"
        profile.phone = "0215 3 825 000"
        profile.email = "doantruong@example.invalid"
        profile.fanpage_url = "https://www.facebook.com/doantruongcdspdienbien"
        profile.zalo_url = "https://zalo.me/doantruongcdspdienbien"
        profile.save()
    out("Trang chủ: tiếng Việt và bản tiếng Anh")
