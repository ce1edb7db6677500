"""With Vietnamese active, the admin's strings (the libraries' and ours) come back in Vietnamese.

The message ids are read from each package's own complete reference catalogue, not from ours,
so an upgrade that adds strings makes this fail until `make upstream-messages` is run and the
new strings are translated. Lookups go through Django's real machinery: gettext / ngettext /
pgettext for the `django` domain, and the same DjangoTranslation that Wagtail's JavaScript
catalogue view builds for `djangojs`.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from i18n import po_files, source_dirs  # noqa: E402
from upstream_messages import PACKAGES, placeholders  # noqa: E402

# How much of each package must read in Vietnamese. Wagtail's admin and core are held to 98%
# (together); the smaller apps we ship in full.
REQUIRED = {"wagtail admin and core": 0.98}
REQUIRED_DEFAULT = 1.0
WAGTAIL_ADMIN_AND_CORE = {"wagtail.admin", "wagtail"}


@dataclass(frozen=True)
class OurCatalogue:
    """One of our own catalogues (the project's or an app's), measured like a package: its
    English catalogue lists every message id."""

    label: str
    directory: Path
    domains: tuple = ("django",)

    def locale_dir(self):
        return self.directory

    def reference(self, domain):
        path = self.directory / "en" / "LC_MESSAGES" / f"{domain}.po"
        return polib.pofile(str(path)) if path.exists() else None


OURS = [
    OurCatalogue(f"ours: {locale_dir.relative_to(ROOT)}", locale_dir)
    for _, locale_dir in source_dirs()
]


def deliberately_unchanged(domain):
    """Messages our Vietnamese catalogues translate to themselves on purpose (Email, URL, ID,
    Zalo...)."""
    unchanged = set()
    for path in po_files():
        if "/vi/" not in str(path) or path.stem != domain:
            continue
        for entry in polib.pofile(str(path)).translated_entries():
            text = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
            if text == entry.msgid:
                unchanged.add(entry.msgid)
    return unchanged


def lookup(entry, domain, js_translation):
    """What the admin shows for `entry` with Vietnamese active: a list of strings (one per
    count tried for plurals)."""
    if domain == "djangojs":
        if entry.msgid_plural:
            return [js_translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 5)]
        return [js_translation.gettext(entry.msgid)]
    if entry.msgctxt and entry.msgid_plural:
        return [
            translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n) for n in (1, 5)
        ]
    if entry.msgctxt:
        return [translation.pgettext(entry.msgctxt, entry.msgid)]
    if entry.msgid_plural:
        return [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 5)]
    return [translation.gettext(entry.msgid)]


def measure(package, domain):
    """(translated, total, problems) for one package's reference catalogue."""
    reference = package.reference(domain)
    js_translation = trans_real.DjangoTranslation(
        "vi", domain="djangojs", localedirs=[str(package.locale_dir())]
    )
    unchanged_on_purpose = deliberately_unchanged(domain)
    translated, total, problems = 0, 0, []
    with translation.override("vi"):
        for entry in reference:
            if entry.obsolete or not entry.msgid:
                continue
            total += 1
            results = lookup(entry, domain, js_translation)
            english = {entry.msgid, entry.msgid_plural}
            if any(result in english for result in results) and (
                entry.msgid not in unchanged_on_purpose
            ):
                problems.append(f"untranslated: {entry.msgid!r}")
                continue
            translated += 1
            wanted = [placeholders(entry.msgid)]
            if entry.msgid_plural:
                wanted.append(placeholders(entry.msgid_plural))
            for result in results:
                if placeholders(result) not in wanted:
                    problems.append(f"placeholders differ: {entry.msgid!r} -> {result!r}")
    return translated, total, problems


CATALOGUES = [
    (package, domain)
    for package in [*PACKAGES, *OURS]
    for domain in package.domains
    if package.reference(domain) is not None
]


def group_of(package):
    return "wagtail admin and core" if package.label in WAGTAIL_ADMIN_AND_CORE else package.label


def test_every_package_reads_in_vietnamese():
    figures, groups, problems = [], {}, []
    for package, domain in CATALOGUES:
        translated, total, found = measure(package, domain)
        figures.append(
            f"{package.label:28} {domain:9} {translated:5}/{total:<5} {translated / total:7.1%}"
        )
        sums = groups.setdefault(group_of(package), [0, 0])
        sums[0] += translated
        sums[1] += total
        problems += [f"{package.label} ({domain}): {problem}" for problem in found]
    print("\nVietnamese coverage of the admin's strings, per package")
    print("\n".join(figures))
    for group, (translated, total) in sorted(groups.items()):
        if group == "wagtail admin and core":
            print(f"{group:38} {translated:5}/{total:<5} {translated / total:7.1%}")
    below = [
        f"{group}: {translated}/{total}"
        for group, (translated, total) in groups.items()
        if translated / total < REQUIRED.get(group, REQUIRED_DEFAULT)
    ]
    placeholder_problems = [problem for problem in problems if "placeholders" in problem]
    assert not below, f"below the required coverage: {below}\n" + "\n".join(problems)
    assert not placeholder_problems, "\n".join(placeholder_problems)


@pytest.mark.parametrize(
    ("message", "vietnamese"),
    [
        ("Save draft", "Lưu bản nháp"),
        ("Submit for moderation", "Gửi duyệt"),
        ("Unpublish", "Gỡ xuất bản"),
        ("Approve", "Duyệt"),
        ("Request changes", "Yêu cầu chỉnh sửa"),
    ],
)
def test_our_catalogue_wins_over_the_packages_own_vietnamese(message, vietnamese):
    """Wagtail ships its own (partial) Vietnamese for some of these; ours is the one shown."""
    with translation.override("vi"):
        assert translation.gettext(message) == vietnamese


def test_an_untranslated_or_broken_message_is_caught(tmp_path):
    """The measure can fail: a message nobody translated is reported and not counted."""
    english = tmp_path / "en" / "LC_MESSAGES"
    english.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Frobnicate the union's widgets"))
    catalogue.append(polib.POEntry(msgid="Save"))
    catalogue.save(str(english / "django.po"))
    translated, total, problems = measure(OurCatalogue("made up", tmp_path), "django")
    assert (translated, total) == (1, 2)
    assert problems == ['untranslated: "Frobnicate the union\'s widgets"']
