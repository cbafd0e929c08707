"""ops/backup.sh and ops/restore.sh, for real: back up, lose the database, restore, find it all.

Needs a PostgreSQL DATABASE_URL whose role may create databases (as in CI) and pg_dump,
pg_restore and psql on the PATH; skipped otherwise.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from jobs.models import Job, JobStatus
from organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
OPS = ROOT / "ops"

pytestmark = [
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith(("postgres://",
                                                                           "postgresql://")),
                       reason="DATABASE_URL is not PostgreSQL"),
    pytest.mark.skipif(not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")),
                       reason="PostgreSQL client tools are not installed"),
]


def database_url() -> str:
    """The URL of the database this test run uses (pytest-django's test_… database)."""
    s = connection.settings_dict
    return (f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:"
            f"{s['PORT'] or 5432}/{s['NAME']}")


def run(script: str, *args, media: Path):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media)}
    return subprocess.run(["bash", str(OPS / script), *args], env=env, capture_output=True,
                          text=True, timeout=300)


def recreate_database():
    """Drop the test database and create it empty, as after losing the server's disk."""
    import psycopg2
    from psycopg2 import sql

    s = connection.settings_dict
    connection.close()
    admin = psycopg2.connect(dbname="postgres", user=s["USER"], password=s["PASSWORD"],
                             host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(
                sql.Identifier(s["NAME"])))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(s["NAME"])))
    finally:
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database(tree, settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    job = Job.objects.create(kind="chronicle_pdf", organisation=tree.union_a,
                             requested_by=tree.cadre_a, status=JobStatus.DONE)
    job.file.save(f"{job.pk}.pdf", ContentFile("%PDF- 夏送清凉慰问".encode()), save=True)
    stored = media / job.file.name

    backup = run("backup.sh", str(tmp_path / "backups"), media=media)
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path / "backups" and folder.name.startswith("unionportal-")
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS", "database.dump", "media.tar.gz"]
    assert oct(folder.joinpath("database.dump").stat().st_mode & 0o777) == "0o600"

    # the database still has its tables: restoring into it needs --yes
    refused = run("restore.sh", str(folder), media=media)
    assert refused.returncode == 3 and "not empty" in refused.stderr
    assert Organisation.objects.filter(name="机械厂工会").exists()  # untouched

    # lose everything
    recreate_database()
    shutil.rmtree(media)

    restored = run("restore.sh", str(folder), media=media)
    assert restored.returncode == 0, restored.stderr
    assert "checksums verified" in restored.stdout
    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "明湖区总工会", "东关街道总工会", "机械厂工会", "软件园联合工会"}
    again = Job.objects.get(pk=job.pk)
    assert again.requested_by.username == "cadre_a"
    assert stored.read_bytes() == "%PDF- 夏送清凉慰问".encode()
    assert again.file.open("rb").read() == stored.read_bytes()

    # with --yes a non-empty database is replaced by the backup's contents
    Organisation.objects.filter(name="软件园联合工会").update(name="renamed after the backup")
    replaced = run("restore.sh", "--yes", str(folder), media=media)
    assert replaced.returncode == 0, replaced.stderr
    assert Organisation.objects.filter(name="软件园联合工会").exists()
    assert not Organisation.objects.filter(name="renamed after the backup").exists()


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(tree, settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "note.txt").write_text("kept")
    backup = run("backup.sh", str(tmp_path / "backups"), media=media)
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    with folder.joinpath("media.tar.gz").open("r+b") as archive:
        archive.seek(20)
        archive.write(b"\x00\x01\x02")
    Organisation.objects.filter(name="机械厂工会").update(name="changed since")

    result = run("restore.sh", "--yes", str(folder), media=media)
    assert result.returncode == 1 and "checksums do not match" in result.stderr
    assert Organisation.objects.filter(name="changed since").exists()  # nothing restored
