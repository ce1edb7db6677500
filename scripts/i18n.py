"""Where our message catalogues live, shared by the make targets and the tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["vi", "en"]
# Each app owns its catalogue (<app>/locale); the project's own strings (cms/) live in locale/.
APPS = ["home", "organisation", "columns", "directives", "members"]


def source_dirs():
    """(directory makemessages runs in, its locale folder) for every catalogue of ours."""
    yield ROOT, ROOT / "locale"
    for app in APPS:
        if (ROOT / app).is_dir():
            yield ROOT / app, ROOT / app / "locale"


def po_files():
    for _, locale_dir in source_dirs():
        yield from sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    yield from sorted((ROOT / "locale" / "upstream").glob("*/LC_MESSAGES/*.po"))
