"""Compile every .po catalogue of ours to .mo with polib, so no system gettext is needed."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n import po_files


def main():
    compiled = 0
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    if compiled:
        print(f"compiled {compiled} catalogue(s)")


if __name__ == "__main__":
    main()
