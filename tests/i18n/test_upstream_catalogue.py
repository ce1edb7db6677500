"""Our catalogue of the libraries' Vietnamese: in step with the installed packages, compiled,
and rebuilt after an upgrade without losing a translation."""

import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import upstream_messages  # noqa: E402

DOMAINS = ["django", "djangojs"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogue_holds_exactly_the_installed_packages_messages(domain):
    ours = polib.pofile(str(upstream_messages.upstream_path(domain)))
    keys = {upstream_messages.entry_key(entry) for entry in ours if not entry.obsolete}
    wanted = set(upstream_messages.reference_entries(domain))
    assert keys == wanted, (
        "locale/upstream is stale: run `make upstream-messages` "
        f"(new: {sorted(wanted - keys)[:20]}, gone: {sorted(keys - wanted)[:20]})"
    )
    assert not ours.untranslated_entries() and not ours.fuzzy_entries()
    assert ours.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_its_source(domain):
    po_path = upstream_messages.upstream_path(domain)
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run scripts/compile_messages.py"

    def pairs(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
            for entry in catalogue
            if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
        }

    assert pairs(polib.mofile(str(mo_path))) == pairs(polib.pofile(str(po_path))), (
        f"{mo_path} is stale: run scripts/compile_messages.py"
    )


def test_placeholders_and_tags_must_be_kept():
    entry = polib.POEntry(msgid="Page '%(page_title)s' has been <b>published</b>.")
    keeps = upstream_messages.keeps_placeholders
    assert keeps(entry, "Đã <b>xuất bản</b> trang '%(page_title)s'.")
    assert not keeps(entry, "Đã xuất bản trang '%(page_title)s'.")  # tag lost
    assert not keeps(entry, "Đã <b>xuất bản</b> trang '%(title)s'.")  # placeholder renamed
    plural = polib.POEntry(msgid="Delete 1 page", msgid_plural="Delete %(counter)s pages")
    assert keeps(plural, "Xóa %(counter)s trang"), "one form, with the plural's placeholder"
    positional = polib.POEntry(msgid="Import finished: {} new, {} updated")
    assert not keeps(positional, "Nhập xong: {} mới")


def test_an_upgrade_keeps_our_translations_and_lists_the_new_messages(tmp_path, monkeypatch):
    monkeypatch.setattr(upstream_messages, "UPSTREAM", tmp_path)
    new, missing = upstream_messages.rebuild("djangojs", {})
    assert new == [], "a first build has nothing to compare with"
    assert "Autosave in progress…" in missing, "Wagtail ships no Vietnamese for it"
    assert "Delete" not in missing, "Wagtail's own Vietnamese is taken meanwhile"

    upstream_messages.rebuild("djangojs", {"Autosave in progress…": "Đang tự động lưu…"})
    path = upstream_messages.upstream_path("djangojs")
    catalogue = polib.pofile(str(path))
    # As if the package had added a message since our last run.
    catalogue.remove(catalogue.find("Pin toolbar"))
    catalogue.save()

    new, missing = upstream_messages.rebuild("djangojs", {})
    assert new == ["Pin toolbar"]
    assert "Autosave in progress…" not in missing
    assert polib.pofile(str(path)).find("Autosave in progress…").msgstr == "Đang tự động lưu…"


def test_a_translation_that_breaks_a_placeholder_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(upstream_messages, "UPSTREAM", tmp_path)
    upstream_messages.rebuild("djangojs", {"Edit '%(title)s'": "Sửa '%(tieu_de)s'"})
    assert "refused" in capsys.readouterr().out
    entry = polib.pofile(str(upstream_messages.upstream_path("djangojs"))).find("Edit '%(title)s'")
    assert "%(title)s" in entry.msgstr
