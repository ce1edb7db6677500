"""The admin screens an editor, reviewer, approver or member manager meets, and a reader of
their visible text.

To cover a new screen, append a `Screen` to `SCREENS`: a name, its URL name (or a function of the
`content` fixture returning the URL), and the roles that open it (`people` fixture attributes).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.urls import reverse

EDITOR, REVIEWER, APPROVER, MEMBER_MANAGER, ADMINISTRATOR = (
    "editor_a1",
    "reviewer_fed1",
    "approver",
    "member_manager",
    "superuser",
)
PAGE_ROLES = (EDITOR, REVIEWER, APPROVER, ADMINISTRATOR)
EVERY_ROLE = (*PAGE_ROLES, MEMBER_MANAGER)

# Words an English admin is full of. Matched case-sensitively as whole words, so "Add" does not
# match "Address" and a lower-case CSS word cannot trip it.
ENGLISH_WORDS = [
    "Save draft",
    "Save",
    "Publish",
    "Unpublish",
    "Submit",
    "Preview",
    "Search",
    "Add",
    "Edit",
    "Delete",
    "Cancel",
    "Approve",
    "Reject",
    "Request changes",
    "Import",
    "Export",
    "History",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Settings",
    "Help",
    "Workflow",
    "Workflows",
    "Revisions",
    "Draft",
    "Live",
    "Choose",
    "Upload",
    "Collection",
    "Title",
    "Status",
    "Actions",
    "Sort by",
    "Filter",
    "Log out",
    "Account",
    "Comments",
    "Locked",
    "Unlock",
    "Copy",
    "Move",
    "Privacy",
    "Loading",
    "Close",
    "Yes",
    "No results",
    "There are no",
    "Sorry",
    "ago",  # "3 minutes ago"
    "True",  # a yes/no column read out as Python
    "False",
]
_ENGLISH = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH_WORDS) + r")(?![\w-])"
)
# Attributes whose text a user sees or hears.
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")


@dataclass(frozen=True)
class Screen:
    name: str
    url: str | Callable  # a URL name, or a function of the `content` fixture returning the URL
    roles: tuple = PAGE_ROLES
    modal: bool = False  # a chooser answering JSON with its HTML inside

    def __str__(self):
        return self.name

    def url_for(self, content):
        return reverse(self.url) if isinstance(self.url, str) else self.url(content)


ADMIN_ONLY = (ADMINISTRATOR,)

SCREENS = [
    Screen("dashboard", "wagtailadmin_home", EVERY_ROLE),
    Screen("account", "wagtailadmin_account", EVERY_ROLE),
    Screen("page explorer", lambda c: reverse("wagtailadmin_explore", args=[c.home.pk])),
    Screen(
        "page editor: edit the home page",
        lambda c: reverse("wagtailadmin_pages:edit", args=[c.home.pk]),
    ),
    Screen(
        "page editor: create a home page",
        lambda c: reverse("wagtailadmin_pages:add", args=["home", "homepage", c.root.pk]),
        ADMIN_ONLY,  # only an administrator may add at the root
    ),
    Screen("page history", lambda c: reverse("wagtailadmin_pages:history", args=[c.home.pk])),
    Screen(
        "page revisions compare",
        lambda c: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[c.home.pk, "live", c.home.latest_revision_id],
        ),
    ),
    Screen(
        "workflow history",
        lambda c: reverse("wagtailadmin_pages:workflow_history", args=[c.home.pk]),
    ),
    # The default workflow's task is reviewed by Wagtail's "Moderators" group, which a
    # superuser stands in for until the approval workflow gives the roles their own task.
    Screen(
        "page editor: awaiting review",
        lambda c: reverse("wagtailadmin_pages:edit", args=[c.submitted.pk]),
        ADMIN_ONLY,
    ),
    Screen(
        "workflow action: approve with comment",
        lambda c: workflow_action_url(c.submitted, "approve"),
        ADMIN_ONLY,
        modal=True,
    ),
    Screen(
        "workflow action: request changes",
        lambda c: workflow_action_url(c.submitted, "reject"),
        ADMIN_ONLY,
        modal=True,
    ),
    Screen(
        "workflow history detail",
        lambda c: reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=[c.submitted.pk, c.submitted.current_workflow_state.pk],
        ),
        ADMIN_ONLY,
    ),
    Screen("image chooser", "wagtailimages_chooser:choose", modal=True),
    Screen("document chooser", "wagtaildocs_chooser:choose", modal=True),
    Screen("page chooser", "wagtailadmin_choose_page", modal=True),
    Screen("image library", "wagtailimages:index"),
    Screen(
        "image editor",
        lambda c: reverse("wagtailimages:edit", args=[c.image.pk]),
        (EDITOR, ADMINISTRATOR),  # the uploader, and whoever may edit any
    ),
    Screen("document library", "wagtaildocs:index"),
    Screen(
        "document editor",
        lambda c: reverse("wagtaildocs:edit", args=[c.document.pk]),
        (EDITOR, ADMINISTRATOR),
    ),
    Screen("pages awaiting review", "wagtailadmin_reports:workflow", ADMIN_ONLY),
    Screen("workflow tasks report", "wagtailadmin_reports:workflow_tasks", ADMIN_ONLY),
    Screen("site history", "wagtailadmin_reports:site_history", ADMIN_ONLY),
    Screen("locked pages report", "wagtailadmin_reports:locked_pages", ADMIN_ONLY),
    Screen("aging pages report", "wagtailadmin_reports:aging_pages", ADMIN_ONLY),
    Screen("workflows", "wagtailadmin_workflows:index", ADMIN_ONLY),
    Screen("workflow tasks", "wagtailadmin_workflows:task_index", ADMIN_ONLY),
    Screen("users", "wagtailusers_users:index", ADMIN_ONLY),
    Screen("groups", "wagtailusers_groups:index", ADMIN_ONLY),
    Screen("redirects", "wagtailredirects:index", ADMIN_ONLY),
    Screen("redirects import", "wagtailredirects:start_import", ADMIN_ONLY),
    Screen("locales", "wagtaillocales:index", ADMIN_ONLY),
    Screen("sites", "wagtailsites:index", ADMIN_ONLY),
    Screen("collections", "wagtailadmin_collections:index", ADMIN_ONLY),
    Screen("units", "units:index", ADMIN_ONLY),
    Screen("roles in units", "unit_roles:index", ADMIN_ONLY),
    Screen("add a unit", "units:add", ADMIN_ONLY),
    Screen(
        "translate a page (wagtail-localize)",
        lambda c: reverse("wagtail_localize:submit_page_translation", args=[c.home.pk]),
        ADMIN_ONLY,
    ),
    Screen(
        "translation editor (wagtail-localize)",
        lambda c: reverse("wagtailadmin_pages:edit", args=[c.english_home.pk]),
        ADMIN_ONLY,
    ),
    Screen("translations report", "wagtail_localize:translations_report", ADMIN_ONLY),
    # The union's own screens: members, comments, cadence, documents' progress.
    Screen("member listing", "members:index", (MEMBER_MANAGER, ADMINISTRATOR)),
    Screen("member import form", "members:import", (MEMBER_MANAGER, ADMINISTRATOR)),
    Screen("member progress", "members:progress", (MEMBER_MANAGER, APPROVER, ADMINISTRATOR)),
    Screen("comment moderation", "column_comments:index", (EDITOR, REVIEWER, APPROVER)),
    Screen("cadence report", "columns_cadence_report", (APPROVER, ADMINISTRATOR)),
    Screen("implementation progress", "directives_admin:progress", (APPROVER, ADMINISTRATOR)),
    Screen(
        "site settings",
        lambda c: reverse("wagtailsettings:edit", args=["home", "siteprofile", c.site.pk]),
        ADMIN_ONLY,
    ),
]


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def html_of(response, modal=False):
    text = response.content.decode()
    return json.loads(text)["html"] if modal else text


def visible_text(html):
    """The text a user sees or hears: element text (not scripts or styles), the visible
    attributes, and the labels in the JSON the sidebar and menus are drawn from."""
    soup = BeautifulSoup(html, "html.parser")
    parts = []
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            parts += json_labels(json.loads(script.string or "null"))
        script.decompose()
    for style in soup.find_all("style"):
        style.decompose()
    for element in soup.find_all(True):
        parts += [element[name] for name in VISIBLE_ATTRIBUTES if element.get(name)]
    parts.append(soup.get_text(" "))
    return re.sub(r"\s+", " ", " ".join(str(part) for part in parts))


def json_labels(data):
    """Strings under the keys Wagtail's JavaScript shows: label, title, text, help_text."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in {"label", "title", "text", "help_text"}:
                found.append(value)
            else:
                found += json_labels(value)
    elif isinstance(data, list):
        for value in data:
            found += json_labels(value)
    return found


def english_words_in(text):
    return sorted(set(_ENGLISH.findall(text)))


def english_in_context(text, width=60):
    """Each English word with the text around it, for a readable failure."""
    return [
        text[max(0, match.start() - width) : match.end() + width]
        for match in _ENGLISH.finditer(text)
    ]
