import pytest
from django.core.exceptions import ValidationError

from columns.blocks import CaptionedImageBlock, DocumentBlock, GalleryBlock, QuoteBlock
from tests.factories.columns import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_credit_needs_a_caption():
    block = CaptionedImageBlock()
    image = ImageFactory()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "caption": "", "credit": "Ban Tuyên giáo"}))
    assert "Hãy viết chú thích trước khi ghi nguồn ảnh." in str(error.value)
    value = block.clean(block.to_python({"image": image.pk, "caption": "Khai mạc", "credit": ""}))
    assert value["caption"] == "Khai mạc"


def test_a_gallery_needs_two_photos():
    block = GalleryBlock()
    image = ImageFactory()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "", "images": [{"image": image.pk, "caption": ""}]}))


def test_a_quote_needs_text():
    block = QuoteBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "   ", "source": "Bác Hồ"}))
    assert block.clean(block.to_python({"text": "Đoàn kết", "source": ""}))["text"] == "Đoàn kết"


def test_a_document_block_needs_its_document():
    block = DocumentBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"document": None, "title": "Kế hoạch"}))


@pytest.mark.parametrize(
    "block_class", [CaptionedImageBlock, GalleryBlock, QuoteBlock, DocumentBlock]
)
def test_blocks_have_an_icon_template_and_preview(block_class):
    meta = block_class().meta
    assert meta.icon and meta.template.startswith("columns/blocks/")
    assert meta.preview_value
