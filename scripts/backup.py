"""Dump or load the site's database and media (called by scripts/backup.sh and restore.sh).

The database is the one DATABASE_URL names, as the settings read it (SQLite's db.sqlite3 in the
project folder by default); media is MEDIA_ROOT. PostgreSQL goes through pg_dump/pg_restore in
custom format, SQLite through its online backup API, so neither needs the site stopped.

Usage: python scripts/backup.py dump|load FOLDER
"""

import datetime
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent


def database():
    return dj_database_url.config(default=f"sqlite:///{ROOT / 'db.sqlite3'}")


def media_root():
    return Path(os.environ.get("MEDIA_ROOT", ROOT / "media"))


def pg_tool(name):
    """pg_dump/pg_restore: from PG_BIN, the newest server install, or PATH."""
    folders = [os.environ.get("PG_BIN", "")]
    folders += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[
        ::-1
    ]
    for folder in folders:
        if folder and Path(folder, name).exists():
            return str(Path(folder, name))
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (apt-get install postgresql-client)")
    return found


def pg_connection(db):
    args = ["--no-password"]
    if db["HOST"]:
        args += ["-h", db["HOST"]]
    if db["PORT"]:
        args += ["-p", str(db["PORT"])]
    if db["USER"]:
        args += ["-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    return args, env


def sqlite_copy(source, target):
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def dump(folder):
    db = database()
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        args, env = pg_connection(db)
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [pg_tool("pg_dump"), "-Fc", "--no-owner", *args, "-f", folder / "db.dump", db["NAME"]],
            check=True,
            env=env,
        )
    elif engine == "sqlite3":
        sqlite_copy(db["NAME"], folder / "db.sqlite3")
    else:
        sys.exit(f"backup: no dump for the {engine} engine")
    media = media_root()
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    (folder / "backup.json").write_text(
        json.dumps(
            {"engine": engine, "created": datetime.datetime.now(datetime.UTC).isoformat()},
            indent=2,
        )
    )


def load(folder):
    db = database()
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    made_by = json.loads((folder / "backup.json").read_text())["engine"]
    if made_by != engine:
        sys.exit(f"restore: this backup is of a {made_by} database, DATABASE_URL is {engine}")
    if engine == "postgresql":
        args, env = pg_connection(db)
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [
                pg_tool("pg_restore"),
                "--no-owner",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "-d",
                db["NAME"],
                folder / "db.dump",
            ],
            check=True,
            env=env,
        )
    else:
        sqlite_copy(folder / "db.sqlite3", db["NAME"])
    media = media_root()
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            # Only what the backup put under media/, never outside MEDIA_ROOT.
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, media, filter="data")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"dump", "load"}:
        sys.exit(__doc__.strip().splitlines()[-1])
    {"dump": dump, "load": load}[sys.argv[1]](Path(sys.argv[2]))
