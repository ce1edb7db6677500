"""Article tags move to their own model, `ArticleTag`, whose slugs are ASCII ("hien-mau", not
"hiến-máu"). Existing tags are copied with their names, and every article keeps its tags.
Wagtail's images and documents keep taggit's shared tags. Reversible."""

import django.db.models.deletion
import modelcluster.contrib.taggit
from django.db import migrations, models
from django.utils.text import slugify as unicode_slugify

from cms.search.slugs import slugify as ascii_slugify


def free_slug(model, base):
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def to_article_tags(apps, schema_editor):
    Item = apps.get_model("columns", "ArticlePageTag")
    ArticleTag = apps.get_model("columns", "ArticleTag")
    copies = {}
    for item in Item.objects.select_related("tag").order_by("pk"):
        if item.tag_id not in copies:
            name = item.tag.name
            slug = free_slug(ArticleTag, ascii_slugify(name)[:96] or "the")
            copies[item.tag_id] = ArticleTag.objects.create(name=name, slug=slug)
        item.article_tag = copies[item.tag_id]
        item.save(update_fields=["article_tag"])


def to_taggit_tags(apps, schema_editor):
    Item = apps.get_model("columns", "ArticlePageTag")
    Tag = apps.get_model("taggit", "Tag")
    for item in Item.objects.select_related("article_tag").order_by("pk"):
        name = item.article_tag.name
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            slug = free_slug(Tag, unicode_slugify(name, allow_unicode=True)[:96] or "the")
            tag = Tag.objects.create(name=name, slug=slug)
        item.tag = tag
        item.save(update_fields=["tag"])


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0001_articles_and_columns"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name="slug")),
            ],
            options={"verbose_name": "tag", "verbose_name_plural": "tags"},
        ),
        migrations.AddField(
            model_name="articlepagetag",
            name="article_tag",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="columns.articletag"
            ),
        ),
        migrations.AlterField(
            model_name="articlepagetag",
            name="tag",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="%(app_label)s_%(class)s_items",
                to="taggit.tag",
            ),
        ),
        migrations.RunPython(to_article_tags, to_taggit_tags),
        migrations.RemoveField(model_name="articlepagetag", name="tag"),
        migrations.RenameField(model_name="articlepagetag", old_name="article_tag", new_name="tag"),
        migrations.AlterField(
            model_name="articlepagetag",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="tagged_articles", to="columns.articletag"
            ),
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="tags",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="columns.ArticlePageTag",
                to="columns.ArticleTag",
                verbose_name="tags",
            ),
        ),
    ]
