"""Fill empty Vietnamese translations in our catalogues from a JSON file {msgid: msgstr}.

Usage: python scripts/fill_translations.py translations.json [--language vi]
Only empty entries are filled; existing translations are never overwritten.
"""

import argparse
import json
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n import ROOT, po_files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("translations", type=Path)
    parser.add_argument("--language", default="vi")
    args = parser.parse_args()
    translations = json.loads(args.translations.read_text(encoding="utf-8"))
    for po_path in po_files():
        if f"/{args.language}/" not in str(po_path):
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.metadata_is_fuzzy = False
        catalogue.metadata["Language"] = args.language
        for entry in catalogue:
            if not entry.msgstr and entry.msgid in translations:
                entry.msgstr = translations[entry.msgid]
        catalogue.save()
        for entry in catalogue.untranslated_entries():
            print(f"{po_path.relative_to(ROOT)}: still missing {entry.msgid!r}")


if __name__ == "__main__":
    main()
