"""make backup / make restore on the embedded SQLite default: the database (copied with
SQLite's online backup API, WAL and all) and the media come back as they were."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(script, *args, database, media):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)}
    return subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "scripts/backup.py", script, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_sqlite_and_media_round_trip_while_the_site_holds_a_connection(tmp_path):
    site_db, media = tmp_path / "site.sqlite3", tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "anh-dai-hoi.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    with closing(sqlite3.connect(site_db)) as live:
        live.execute("PRAGMA journal_mode=WAL")
        live.execute("CREATE TABLE member (name TEXT)")
        live.executemany("INSERT INTO member VALUES (?)", [("Lò Thị Mai",), ("Quàng Văn Nam",)])
        live.commit()  # still open, its WAL not checkpointed: as under a running site
        backup = tmp_path / "backup"
        backup.mkdir()
        made = run("dump", backup, database=site_db, media=media)
        assert made.returncode == 0, made.stderr
    assert json.loads((backup / "backup.json").read_text())["engine"] == "sqlite3"

    fresh_db, fresh_media = tmp_path / "fresh.sqlite3", tmp_path / "fresh-media"
    restored = run("load", backup, database=fresh_db, media=fresh_media)
    assert restored.returncode == 0, restored.stderr
    with closing(sqlite3.connect(fresh_db)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM member ORDER BY name")]
    assert names == ["Lò Thị Mai", "Quàng Văn Nam"]
    image = fresh_media / "original_images" / "anh-dai-hoi.jpg"
    assert image.read_bytes() == b"\xff\xd8\xff jpeg"


def test_a_backup_is_not_restored_into_another_kind_of_database(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "backup.json").write_text('{"engine": "postgresql"}')
    refused = run("load", tmp_path / "backup", database=tmp_path / "x.sqlite3", media=tmp_path)
    assert refused.returncode != 0
    assert "postgresql" in refused.stderr
    assert not (tmp_path / "x.sqlite3").exists()
