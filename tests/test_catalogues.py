"""Our message catalogues are complete, compiled, and in step with the source."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from i18n import APPS, po_files, source_dirs  # noqa: E402

OUR_CATALOGUES = [path for path in po_files() if "upstream" not in path.parts]


def test_every_app_has_vietnamese_and_english_catalogues():
    for _, locale_dir in source_dirs():
        for language in ("vi", "en"):
            assert (locale_dir / language / "LC_MESSAGES" / "django.po").exists(), locale_dir


@pytest.mark.parametrize(
    "po_path",
    [path for path in OUR_CATALOGUES if "/vi/" in str(path)],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_vietnamese_catalogue_is_complete(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy (needs review): {fuzzy}"


@pytest.mark.parametrize("po_path", OUR_CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make compilemessages`"
    source = {
        entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path)).translated_entries()
    }
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path)) if entry.msgid}
    assert compiled == source, f"{mo_path} is stale: run `make compilemessages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_hold_every_string_of_the_source(tmp_path):
    """Run makemessages over a copy of the source and compare the message ids."""
    ignore = shutil.ignore_patterns(".venv", "__pycache__", "node_modules", "*.mo", "media")
    for name in ["cms", "locale", "manage.py", *APPS]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=ignore)
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    subprocess.run(  # noqa: S603
        [sys.executable, str(tmp_path / "scripts" / "make_messages.py")],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    for po_path in OUR_CATALOGUES:
        fresh = tmp_path / po_path.relative_to(ROOT)
        committed_ids = {entry.msgid for entry in polib.pofile(str(po_path)) if not entry.obsolete}
        fresh_ids = {entry.msgid for entry in polib.pofile(str(fresh)) if not entry.obsolete}
        assert fresh_ids == committed_ids, (
            f"{po_path.relative_to(ROOT)} is stale: run `make messages` "
            f"(new: {sorted(fresh_ids - committed_ids)}, gone: {sorted(committed_ids - fresh_ids)})"
        )


def test_our_apps_translations_beat_the_ones_we_ship_for_libraries():
    """Wagtail has its own "Latest documents" (its document library); ours are official
    documents, and our word must win wherever both catalogues hold the same message."""
    from django.utils.translation import gettext, override

    with override("vi"):
        assert gettext("Latest documents") == "Văn bản mới"
        assert gettext("Save draft") == "Lưu bản nháp", "the libraries' Vietnamese still applies"
