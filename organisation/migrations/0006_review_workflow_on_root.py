"""Put "Duyệt bài" on the root page too, so translations of the home page made later (the
English tree) are covered without a hand step, and switch off Wagtail's stock "Moderators
approval" workflow, which no union role belongs to."""

from django.db import migrations

WORKFLOW_NAME = "Duyệt bài"
STOCK_WORKFLOW_NAME = "Moderators approval"


def cover_every_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.filter(name=STOCK_WORKFLOW_NAME).exclude(pk=workflow.pk).update(active=False)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0005_review_workflow")]

    operations = [migrations.RunPython(cover_every_tree, migrations.RunPython.noop)]
