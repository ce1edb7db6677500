"""Drive the Wagtail admin as a person would: open the real edit form, change it, press a
button, follow the redirect."""

from django.test import TestCase
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import querydict_from_html

from columns.models import ArticlePage


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The body StreamField is drawn by JavaScript, so its fields are not in the HTML; our test
    # articles have an empty body.
    data.setdefault("body-count", "0")
    return data


def press(client, page, button, **changes):
    """Open the page's edit form, apply ``changes`` and press ``button`` (e.g. "action-submit";
    None just saves a draft)."""
    data = form_of(client, edit_url(page))
    for name, value in changes.items():
        data[name] = value
    if button:
        data[button] = "1"
    return post(client, edit_url(page), data)


def create(client, column, title, unit, button=None):
    url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
    data = form_of(client, url)
    data.update({"title": title, "slug": "", "lead": f"Tóm tắt: {title}", "unit": unit.pk})
    data["slug"] = slugify(title)
    if button:
        data[button] = "1"
    return post(client, url, data)


def act(client, page, action, comment=""):
    """Approve or reject (``action``) the step the page is waiting at, through the workflow
    action URL the dashboard and the edit page use."""
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return post(client, url, {"comment": comment})


def post(client, url, data):
    """POST as the browser would, then run what waits for the commit (the mail queue), since
    the test's transaction never commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, follow=True)


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def position(page):
    """ "draft", "federation", "school", "needs_changes" or "live", read from Wagtail's state."""
    page = fresh(page)
    state = page.current_workflow_state
    if state is not None:
        if state.status == "needs_changes":
            return "needs_changes"
        return state.current_task_state.task.specific.level
    return "live" if page.live else "draft"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
