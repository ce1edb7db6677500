"""The building blocks of an article body: text, captioned photos, galleries, quotes, video
and attached documents."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its caption; the page numbers captions in order ("Ảnh 1:", "Ảnh 2:")."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)
    credit = blocks.CharBlock(label=_("photo credit"), max_length=120, required=False)

    class Meta:
        icon = "image"
        label = _("Captioned image")
        template = "columns/blocks/captioned_image.html"
        preview_value = {"caption": "Đoàn viên Chi đoàn K20 tham gia Ngày Chủ nhật xanh"}

    def clean(self, value):
        value = super().clean(value)
        if value.get("credit") and not value.get("caption"):
            raise ValidationError(
                _("Write a caption before the photo credit."),
            )
        return value


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Photo")


class GalleryBlock(blocks.StructBlock):
    """A set of photos from one activity, shown as a grid."""

    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("photos"), min_num=2, max_num=24)

    class Meta:
        icon = "grip"
        label = _("Gallery")
        template = "columns/blocks/gallery.html"
        preview_value = {"title": "Hình ảnh hoạt động"}

    def clean(self, value):
        value = super().clean(value)
        if len(value.get("images") or []) < 2:
            raise ValidationError(_("A gallery needs at least two photos."))
        return value


class QuoteBlock(blocks.StructBlock):
    """A quotation, e.g. from Uncle Hồ's writings or from a member interviewed."""

    text = blocks.TextBlock(label=_("quotation"), max_length=1000)
    source = blocks.CharBlock(label=_("source"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "columns/blocks/quote.html"
        preview_value = {
            "text": "Tuổi trẻ là mùa xuân của xã hội.",
            "source": "Chủ tịch Hồ Chí Minh",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("text", "").strip():
            raise ValidationError(_("A quote needs its text."))
        return value


class VideoBlock(blocks.StructBlock):
    """A video from YouTube or Facebook, embedded through Wagtail's oEmbed finder."""

    video = EmbedBlock(label=_("video link"), help_text=_("A YouTube or Facebook video link."))
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "columns/blocks/video.html"
        preview_value = {"caption": "Video hoạt động"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video"):
            raise ValidationError(_("Paste the link of the video."))
        return value


class DocumentBlock(blocks.StructBlock):
    """An attached file readers can download (a plan, a report, a form)."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Attached document")
        template = "columns/blocks/document.html"
        preview_value = {"title": "Kế hoạch tổ chức hoạt động"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("document"):
            raise ValidationError(_("Choose the document to attach."))
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=BODY_FEATURES,
        icon="pilcrow",
        template="columns/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Body")
