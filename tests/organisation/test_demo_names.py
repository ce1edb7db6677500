"""The admin greets demo users by their given name: Wagtail's sidebar shows ``first_name``
("Tên" in the user form), so that is where the given name goes."""

import json
import re

import pytest

from organisation import demo

pytestmark = pytest.mark.django_db


def sidebar_name(page):
    """The name in the sidebar's account menu (Wagtail's MainMenuModule: its third argument
    holds the user's name and avatar)."""
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S).group(1)
    modules = json.loads(props)["modules"]
    menu = next(module for module in modules if module["_type"].endswith("MainMenuModule"))
    return menu["_args"][2]["name"]


@pytest.mark.parametrize(
    ("username", "given"), [("bithu.mna", "Mai"), ("bithu.tin", "Páo"), ("quanly", "Hạnh")]
)
def test_sidebar_shows_the_given_name(client, username, given):
    from django.contrib.auth import get_user_model

    demo.load(lambda *args: None)
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    assert sidebar_name(client.get("/admin/").content.decode()) == given


def test_reloading_turns_old_demo_names_round(client):
    from django.contrib.auth import get_user_model

    demo.load(lambda *args: None)
    User = get_user_model()
    User.objects.filter(username="bithu.mna").update(first_name="Lò Thị", last_name="Mai")
    demo.load(lambda *args: None)
    user = User.objects.get(username="bithu.mna")
    assert (user.first_name, user.last_name) == ("Mai", "Lò Thị")
