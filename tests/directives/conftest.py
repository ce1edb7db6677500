"""Fixtures of the directives tests: the document list, the issuers of the real chain, and
Wagtail page permissions for unit editors (which the approval workflow grants in the project)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Site

from organisation.roles import role_groups
from tests.factories.directives import IssuerFactory, document_index


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def index(home):
    return document_index(home)


@pytest.fixture
def issuers(db):
    return SimpleNamespace(
        ttg=IssuerFactory(code="TTg", name="Thủ tướng Chính phủ"),
        twdtn=IssuerFactory(code="TWĐTN", name="Ban Bí thư Trung ương Đoàn"),
        tdtn=IssuerFactory(code="TĐTN", name="BCH Tỉnh đoàn Điện Biên"),
        dtn=IssuerFactory(code="ĐTN", name="BCH Đoàn trường"),
    )


@pytest.fixture
def page_permissions(home, people):
    """Editors may add and change pages, approvers publish: as the workflow issue sets up."""
    groups = role_groups()
    for role, permissions in {
        "editor": ["add_page", "change_page"],
        "reviewer": ["change_page"],
        "approver": ["add_page", "change_page", "publish_page"],
    }.items():
        group = Group.objects.get(pk=groups[role].pk)
        for codename in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission__codename=codename,
                defaults={"permission": _permission(codename)},
            )
    return groups


def _permission(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
