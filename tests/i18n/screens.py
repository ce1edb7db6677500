"""The admin screens an editor, reviewer, approver or member manager meets, and a reader of
their visible text.

To cover a new screen, append a `Screen` to `SCREENS` (or build one in your own test module and
pass it to `assert_reads_in_vietnamese`): a name, a function of the `content` fixture returning
the URL, and the roles that open it.
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
]
_ENGLISH = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH_WORDS) + r")(?![\w-])"
)
# Attributes whose text a user sees or hears.
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")


@dataclass(frozen=True)
class Screen:
    name: str
    url: Callable  # content -> URL
    roles: tuple = PAGE_ROLES
    modal: bool = False  # a chooser answering JSON with its HTML inside

    def __str__(self):
        return self.name


SCREENS = [
    Screen("dashboard", lambda content: reverse("wagtailadmin_home"), EVERY_ROLE),
    Screen("account", lambda content: reverse("wagtailadmin_account"), EVERY_ROLE),
    Screen(
        "page explorer",
        lambda content: reverse("wagtailadmin_explore", args=[content.home.pk]),
    ),
    Screen(
        "page editor: edit the home page",
        lambda content: reverse("wagtailadmin_pages:edit", args=[content.home.pk]),
    ),
    Screen(
        "page editor: create a home page",
        lambda content: reverse(
            "wagtailadmin_pages:add", args=["home", "homepage", content.home.get_parent().pk]
        ),
        (ADMINISTRATOR,),
    ),
    Screen(
        "page history",
        lambda content: reverse("wagtailadmin_pages:history", args=[content.home.pk]),
    ),
    Screen(
        "page revisions compare",
        lambda content: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[content.home.pk, "live", content.home.latest_revision_id],
        ),
    ),
    Screen(
        "workflow history",
        lambda content: reverse("wagtailadmin_pages:workflow_history", args=[content.home.pk]),
    ),
    Screen(
        "page editor: awaiting review",
        lambda content: reverse("wagtailadmin_pages:edit", args=[content.submitted.pk]),
        (ADMINISTRATOR,),
    ),
    Screen(
        "workflow action: approve with comment",
        lambda content: workflow_action_url(content.submitted, "approve"),
        (ADMINISTRATOR,),
        modal=True,
    ),
    Screen(
        "workflow action: request changes",
        lambda content: workflow_action_url(content.submitted, "reject"),
        (ADMINISTRATOR,),
        modal=True,
    ),
    Screen(
        "workflow history detail",
        lambda content: reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=[content.submitted.pk, content.submitted.current_workflow_state.pk],
        ),
        (ADMINISTRATOR,),
    ),
    Screen(
        "image chooser",
        lambda content: reverse("wagtailimages_chooser:choose"),
        modal=True,
    ),
    Screen(
        "document chooser",
        lambda content: reverse("wagtaildocs_chooser:choose"),
        modal=True,
    ),
    Screen(
        "page chooser",
        lambda content: reverse("wagtailadmin_choose_page"),
        modal=True,
    ),
    Screen("image library", lambda content: reverse("wagtailimages:index")),
    Screen(
        "image editor",
        lambda content: reverse("wagtailimages:edit", args=[content.image.pk]),
        (EDITOR, ADMINISTRATOR),  # the uploader, and whoever may edit any
    ),
    Screen("document library", lambda content: reverse("wagtaildocs:index")),
    Screen(
        "document editor",
        lambda content: reverse("wagtaildocs:edit", args=[content.document.pk]),
        (EDITOR, ADMINISTRATOR),  # the uploader, and whoever may edit any
    ),
    Screen(
        "pages awaiting review",
        lambda content: reverse("wagtailadmin_reports:workflow"),
        (ADMINISTRATOR,),
    ),
    Screen(
        "site history",
        lambda content: reverse("wagtailadmin_reports:site_history"),
        (ADMINISTRATOR,),
    ),
    Screen("workflows", lambda content: reverse("wagtailadmin_workflows:index"), (ADMINISTRATOR,)),
    Screen("users", lambda content: reverse("wagtailusers_users:index"), (ADMINISTRATOR,)),
    Screen("groups", lambda content: reverse("wagtailusers_groups:index"), (ADMINISTRATOR,)),
    Screen("redirects", lambda content: reverse("wagtailredirects:index"), (ADMINISTRATOR,)),
    Screen(
        "redirects import",
        lambda content: reverse("wagtailredirects:start_import"),
        (ADMINISTRATOR,),
    ),
    Screen("locales", lambda content: reverse("wagtaillocales:index"), (ADMINISTRATOR,)),
    Screen("sites", lambda content: reverse("wagtailsites:index"), (ADMINISTRATOR,)),
    Screen(
        "site settings",
        lambda content: reverse(
            "wagtailsettings:edit", args=["home", "siteprofile", content.home.get_site().pk]
        ),
        (ADMINISTRATOR,),
    ),
    Screen(
        "collections",
        lambda content: reverse("wagtailadmin_collections:index"),
        (ADMINISTRATOR,),
    ),
    Screen(
        "workflow tasks",
        lambda content: reverse("wagtailadmin_workflows:task_index"),
        (ADMINISTRATOR,),
    ),
    Screen(
        "locked pages report",
        lambda content: reverse("wagtailadmin_reports:locked_pages"),
        (ADMINISTRATOR,),
    ),
    Screen(
        "aging pages report",
        lambda content: reverse("wagtailadmin_reports:aging_pages"),
        (ADMINISTRATOR,),
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
