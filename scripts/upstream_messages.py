"""(Re)generate our Vietnamese catalogues of the libraries' admin strings, and list what is new.

Wagtail, django-import-export and wagtail-localize ship only part of their admin in Vietnamese.
We ship the rest in locale/upstream/vi/LC_MESSAGES/{django,djangojs}.po, which LOCALE_PATHS puts
ahead of the packages' own catalogues. This script rebuilds those two files from the installed
packages, so an upgrade is one command (`make upstream-messages`):

- the message ids come from each package's complete reference catalogue (its `en` one, or its
  largest where the package ships no `en`);
- a translation we already have is kept; otherwise the package's own Vietnamese is taken when its
  placeholders match; otherwise the message is listed as missing;
- `--apply FILE.json` merges translations {msgid: msgstr} (a translation of ours, or a correction
  of the package's Vietnamese, always wins), refusing any that changes a placeholder or tag;
- `--todo FILE.json` writes the messages still missing Vietnamese as {msgid: ""} for a translator;
- `--export DIR` writes one vi catalogue per package and domain, shaped like the package's own,
  to offer upstream (docs/translations.md).

Usage: python scripts/upstream_messages.py [--apply FILE.json ...] [--todo FILE.json]
       [--export DIR]
"""

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "locale" / "upstream"
LANGUAGE = "vi"
PLURAL_FORMS = "nplurals=1; plural=0;"
# A JSON key for a message with a context: "context\x04msgid", as gettext stores it.
CONTEXT_SEPARATOR = "\x04"


@dataclass(frozen=True)
class Package:
    """A package (a Django app) whose admin strings we translate, and its gettext domains."""

    label: str
    module: str
    domains: tuple = ("django",)

    def locale_dir(self):
        spec = find_spec(self.module)
        return Path(next(iter(spec.submodule_search_locations))) / "locale"

    def catalogue(self, language, domain):
        path = self.locale_dir() / language / "LC_MESSAGES" / f"{domain}.po"
        return polib.pofile(str(path)) if path.exists() else None

    def reference(self, domain):
        """The package's complete catalogue for `domain`: its English one, else the one with
        the most messages (import-export and django-filter ship no English catalogue)."""
        english = self.catalogue("en", domain)
        if english is not None:
            return english
        paths = sorted(self.locale_dir().glob(f"*/LC_MESSAGES/{domain}.po"))
        catalogues = [polib.pofile(str(path)) for path in paths]
        return max(
            catalogues,
            key=lambda catalogue: len(
                catalogue.translated_entries() + catalogue.untranslated_entries()
            ),
            default=None,
        )


# The apps of INSTALLED_APPS (cms/settings/base.py) whose screens an editor can meet.
# wagtail.locales is listed although wagtail_localize.locales replaces it: the replacement
# reuses some of its strings.
PACKAGES = [
    Package("wagtail.admin", "wagtail.admin", ("django", "djangojs")),
    Package("wagtail", "wagtail"),
    Package("wagtail.users", "wagtail.users"),
    Package("wagtail.snippets", "wagtail.snippets"),
    Package("wagtail.documents", "wagtail.documents"),
    Package("wagtail.images", "wagtail.images"),
    Package("wagtail.search", "wagtail.search"),
    Package("wagtail.sites", "wagtail.sites"),
    Package("wagtail.embeds", "wagtail.embeds"),
    Package("wagtail.locales", "wagtail.locales"),
    Package("wagtail.contrib.settings", "wagtail.contrib.settings"),
    Package("wagtail.contrib.redirects", "wagtail.contrib.redirects"),
    Package("wagtail_localize", "wagtail_localize", ("django", "djangojs")),
    Package("wagtail_localize.locales", "wagtail_localize.locales"),
    Package("import_export", "import_export"),
    # Django's own strings that the admin shows (validation errors, "3 minutes ago", the
    # password forms): Django's Vietnamese lags its English catalogue, and
    # django.contrib.humanize (Wagtail's naturaltime) is not an installed app, so its
    # catalogue is not loaded at all.
    Package("django", "django.conf"),
    Package("django.contrib.auth", "django.contrib.auth"),
    Package("django.contrib.contenttypes", "django.contrib.contenttypes"),
    Package("django.contrib.humanize", "django.contrib.humanize"),
    # The tag field of images and documents, and the filters of Wagtail's listings.
    Package("taggit", "taggit"),
    Package("django_filters", "django_filters"),
]

_PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s, %d
    r"|\{[\w.]*\}"  # {name}, {0}, {}
    r"|</?[a-zA-Z][^>]*>"  # HTML tags, attributes included
)


def placeholders(text):
    """The placeholders and HTML tags of a message, as a multiset (order may differ)."""
    return Counter(_PLACEHOLDER.findall(text.replace("%%", "")))


def entry_key(entry):
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def translation_of(entry):
    """The Vietnamese of an entry ('' when missing or fuzzy)."""
    if "fuzzy" in entry.flags or entry.obsolete:
        return ""
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") or entry.msgstr_plural.get("0", "")
    return entry.msgstr


def keeps_placeholders(entry, text):
    wanted = placeholders(entry.msgid)
    if entry.msgid_plural:
        # With one plural form, the Vietnamese may use the plural's placeholders (%(count)s)
        # where the English singular spells "one" out.
        return placeholders(text) in (wanted, placeholders(entry.msgid_plural))
    return placeholders(text) == wanted


def upstream_path(domain, language=LANGUAGE):
    return UPSTREAM / language / "LC_MESSAGES" / f"{domain}.po"


def reference_entries(domain):
    """{key: (entry, [package labels])} of every package's reference catalogue for `domain`."""
    found = {}
    for package in PACKAGES:
        if domain not in package.domains:
            continue
        reference = package.reference(domain)
        if reference is None:
            print(f"warning: {package.label} ships no reference {domain} catalogue")
            continue
        for entry in reference:
            if entry.obsolete or not entry.msgid:
                continue
            found.setdefault(entry_key(entry), (entry, []))[1].append(package.label)
    return found


def packages_vietnamese(domain):
    """{key: msgstr} of the packages' own Vietnamese, where it keeps the placeholders."""
    found = {}
    for package in PACKAGES:
        if domain not in package.domains:
            continue
        catalogue = package.catalogue(LANGUAGE, domain)
        for entry in catalogue or []:
            text = translation_of(entry)
            if text and keeps_placeholders(entry, text):
                found.setdefault(entry_key(entry), text)
    return found


def new_catalogue(domain):
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "doan-truong upstream",
        "Language": LANGUAGE,
        "Language-Team": "Vietnamese",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    catalogue.header = (
        f"Vietnamese for the libraries' {domain} strings that the packages do not ship.\n"
        "Generated by scripts/upstream_messages.py: edit the msgstr, never the msgid."
    )
    return catalogue


def rebuild(domain, corrections):
    """Write the catalogue of `domain`; return (keys new since the last run, keys missing
    Vietnamese)."""
    path = upstream_path(domain)
    ours, known = {}, None
    if path.exists():
        previous = polib.pofile(str(path))
        known = {entry_key(entry) for entry in previous if not entry.obsolete}
        ours = {entry_key(entry): translation_of(entry) for entry in previous}
        ours = {key: text for key, text in ours.items() if text}
    theirs = packages_vietnamese(domain)
    catalogue = new_catalogue(domain)
    new, missing = [], []
    for key, (reference, labels) in sorted(reference_entries(domain).items()):
        if known is not None and key not in known:
            new.append(key)
        text = ""
        for candidate in (corrections.get(key), ours.get(key), theirs.get(key)):
            if candidate and keeps_placeholders(reference, candidate):
                text = candidate
                break
            if candidate:
                print(f"refused (placeholders or tags differ): {key!r} -> {candidate!r}")
        entry = polib.POEntry(
            msgctxt=reference.msgctxt,
            msgid=reference.msgid,
            comment=", ".join(labels),
            flags=[flag for flag in reference.flags if flag.endswith("-format")],
        )
        if reference.msgid_plural:
            entry.msgid_plural = reference.msgid_plural
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        if not text:
            missing.append(key)
        catalogue.append(entry)
    gone = sorted(set(ours) - {entry_key(entry) for entry in catalogue})
    for key in gone:
        # Kept as obsolete (#~) so a translation is not lost if the message comes back.
        msgctxt, _, msgid = key.rpartition(CONTEXT_SEPARATOR)
        catalogue.append(
            polib.POEntry(msgctxt=msgctxt or None, msgid=msgid, msgstr=ours[key], obsolete=True)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return new, missing


def export(directory):
    """One catalogue per package and domain, for the package's own translation project."""
    for domain in ("django", "djangojs"):
        ours = {entry_key(entry): entry for entry in polib.pofile(str(upstream_path(domain)))}
        for package in PACKAGES:
            reference = package.reference(domain) if domain in package.domains else None
            if reference is None:
                continue
            catalogue = new_catalogue(domain)
            catalogue.metadata["Project-Id-Version"] = package.label
            for entry in reference:
                if entry.obsolete or not entry.msgid:
                    continue
                mine = ours.get(entry_key(entry))
                copy = polib.POEntry(
                    msgctxt=entry.msgctxt, msgid=entry.msgid, flags=list(entry.flags)
                )
                text = translation_of(mine) if mine else ""
                if entry.msgid_plural:
                    copy.msgid_plural = entry.msgid_plural
                    copy.msgstr_plural = {0: text}
                else:
                    copy.msgstr = text
                catalogue.append(copy)
            target = directory / package.label / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(target))
            print(f"wrote {target}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apply", type=Path, action="append", default=[], metavar="FILE.json")
    parser.add_argument("--todo", type=Path, metavar="FILE.json")
    parser.add_argument("--export", type=Path, metavar="DIR")
    args = parser.parse_args()
    if args.export:
        export(args.export)
        return
    corrections = {}
    for path in args.apply:
        corrections.update(json.loads(path.read_text(encoding="utf-8")))
    todo = {}
    for domain in ("django", "djangojs"):
        new, missing = rebuild(domain, corrections)
        for key in new:
            print(f"{domain}: new {key!r}")
        print(f"{domain}: {len(new)} new message(s), {len(missing)} without Vietnamese")
        todo.update(dict.fromkeys(missing, ""))
    if args.todo:
        args.todo.write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {len(todo)} message(s) to translate to {args.todo}")


if __name__ == "__main__":
    sys.exit(main())
