"""Regenerate our vi and en catalogues from the source (needs GNU gettext's xgettext), then
list the messages that still have no Vietnamese."""

import os
import subprocess
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n import APPS, LANGUAGES, ROOT, po_files, source_dirs

IGNORED = [".venv/*", "node_modules/*", "staticfiles/*", "media/*", "tests/*", "bench/*"]


def makemessages(directory, locale_dir):
    locale_dir.mkdir(exist_ok=True)
    ignore = list(IGNORED)
    if directory == ROOT:
        ignore += [f"{app}/*" for app in APPS]
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "--no-location"]
    command += [f"--locale={language}" for language in LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in ignore]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    subprocess.run(command, cwd=directory, check=True, env=env)  # noqa: S603


def main():
    for directory, locale_dir in source_dirs():
        makemessages(directory, locale_dir)
    missing = 0
    for po_path in po_files():
        catalogue = polib.pofile(str(po_path))
        # msgmerge's fuzzy guesses are often wrong ("unit" for "unit kind"): start them afresh.
        for entry in catalogue.fuzzy_entries():
            entry.msgstr = ""
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        catalogue.save()
        if "/vi/" not in str(po_path):
            continue
        for entry in catalogue.untranslated_entries():
            missing += 1
            print(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
    print(f"{missing} message(s) without Vietnamese")


if __name__ == "__main__":
    main()
