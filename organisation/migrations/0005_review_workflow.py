"""Create the "Duyệt bài" workflow (federation review, then school union approval) and assign
it to the home page, so that it covers every column and document page below it."""

from django.db import migrations

WORKFLOW_NAME = "Duyệt bài"
# (name, level) in order.
STEPS = [
    ("Liên chi đoàn duyệt", "federation"),
    ("Đoàn trường duyệt và xuất bản", "school"),
]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    UnitReviewTask = apps.get_model("organisation", "UnitReviewTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="organisation", model="unitreviewtask"
    )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (name, level) in enumerate(STEPS):
        task = UnitReviewTask.objects.filter(level=level).first()
        if task is None:
            task = UnitReviewTask.objects.create(
                name=name, level=level, content_type=task_type, active=True
            )
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )

    home_type = ContentType.objects.get(app_label="home", model="homepage")
    for home in Page.objects.filter(content_type=home_type, depth=2):
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("organisation", "UnitReviewTask").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_role_page_permissions"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
