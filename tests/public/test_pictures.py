"""Photos sized for the screen: a phone picks a small WebP from the srcset, an old browser gets
the JPEG, and a screen reader hears the caption the editor wrote, not the library's file title."""

import re

import pytest

from tests.factories.columns import ImageFactory, make_article, make_column

pytestmark = pytest.mark.django_db

SIZES = 'sizes="(min-width: 48rem) 42rem, calc(100vw - 2rem)"'


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_hero_and_body_photos_come_in_several_widths_and_webp(client, tree):
    big = {"file__width": 1600, "file__height": 900}
    hero, photo = ImageFactory(title="IMG_2031", **big), ImageFactory(**big)
    shot = ImageFactory(title="Sân", **big)
    body = [
        ("image", {"image": photo, "caption": "Đoàn viên trồng cây", "credit": ""}),
        ("gallery", {"title": "Ảnh hoạt động", "images": [{"image": shot, "caption": ""}]}),
    ]
    article = make_article(make_column(), tree.a1, hero_image=hero, body=body)

    html = client.get(article.url).content.decode()

    hero_html, photo_html, gallery_html = pictures(html)
    for picture in (hero_html, photo_html):
        webp = re.search(r'<source [^>]*type="image/webp"', picture)
        assert webp and SIZES in webp.group(0)
        assert re.search(r"\.webp 400w, \S+\.webp 800w, \S+\.webp 1200w", picture)
        assert re.search(r'<img [^>]*srcset="\S+\.jpg 400w', picture)
    assert 'fetchpriority="high"' in hero_html and 'loading="lazy"' in photo_html
    # The caption, not the title, for the body photo; the title when there is no caption.
    assert 'alt="Đoàn viên trồng cây"' in photo_html
    assert 'alt="IMG_2031"' in hero_html
    assert 'alt="Sân"' in gallery_html and ".webp 480w" in gallery_html
