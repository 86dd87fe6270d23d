"""Backups: the whole database and every uploaded file in one archive, and their restore.

The database is copied with its own tools, which copy everything exactly (pages and their
revisions, registrations, download counts, the outbox, the cache table, sequences):
SQLite with its online backup API, PostgreSQL with ``pg_dump``/``pg_restore`` (their major
version must be at least the server's). An archive restores into the same kind of database.

Layout of ``portal-backup-<time>.tar.gz``: ``manifest.json``, ``database.sqlite3`` or
``database.pgdump``, ``media/`` (MEDIA_ROOT), ``private/`` (REPORTS_PRIVATE_ROOT: the reports'
evidence documents) and ``evidence/`` (EVALUATION_EVIDENCE_ROOT: the self-assessments' files), which
the web server never serves.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Folders of uploaded files: the archive's member name, and the setting that says where they are.
FILE_FOLDERS = {"media": "MEDIA_ROOT", "private": "REPORTS_PRIVATE_ROOT", "evidence": "EVALUATION_EVIDENCE_ROOT"}


class BackupError(Exception):
    pass


def backup(directory=None, *, keep=None, now=None):
    """Write an archive into ``directory`` (BACKUP_DIR); keep only the ``keep`` newest there."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime(now)
    archive = directory / f"portal-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / DATABASE_MEMBERS[_vendor()]
        _dump_database(database)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "database": _vendor(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "migrations": sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()),
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(database, arcname=database.name)
            for member, setting in FILE_FOLDERS.items():
                if Path(getattr(settings, setting)).is_dir():
                    tar.add(getattr(settings, setting), arcname=member)
        partial.rename(archive)  # a half-written archive never looks like a backup
    os.chmod(archive, 0o600)  # it holds personal data
    if keep:
        for old in sorted(directory.glob("portal-backup-*.tar.gz"))[:-keep]:
            old.unlink()
    return archive


def restore(archive):
    """Replace the database and the uploaded files with those of ``archive``; returns its manifest."""
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["database"] != _vendor():
            raise BackupError(
                f"This backup is of a {manifest['database']} database; the portal now uses {_vendor()}. "
                "Restore it into the same kind of database."
            )
        with tempfile.TemporaryDirectory() as work:
            member = DATABASE_MEMBERS[manifest["database"]]
            tar.extract(member, work, filter="data")
            _load_database(Path(work) / member)
        for folder, setting in FILE_FOLDERS.items():
            files = [m for m in tar.getmembers() if m.name == folder or m.name.startswith(f"{folder}/")]
            if files:
                with tempfile.TemporaryDirectory() as work:
                    tar.extractall(work, members=files, filter="data")
                    shutil.copytree(Path(work) / folder, getattr(settings, setting), dirs_exist_ok=True)
    return manifest


def _vendor():
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return connection.vendor


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    with tempfile.SpooledTemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        tar.addfile(info, buffer)


def _dump_database(target):
    if _vendor() == "sqlite":
        # The online backup API copies a consistent state while the site keeps running.
        with sqlite3.connect(connection.settings_dict["NAME"]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    _postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")


def _load_database(source):
    connection.close()
    if _vendor() == "sqlite":
        with sqlite3.connect(source) as backup_copy, sqlite3.connect(connection.settings_dict["NAME"]) as live:
            backup_copy.backup(live)
        return
    _postgres(
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", str(source)
    )


def _postgres(program, *args):
    params = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    command = [str(Path(settings.BACKUP_PG_BIN_DIR) / program) if settings.BACKUP_PG_BIN_DIR else program]
    command += [str(arg) for arg in args]
    command += [f"--dbname={params['NAME']}", f"--host={params.get('HOST') or 'localhost'}"]
    if params.get("PORT"):
        command.append(f"--port={params['PORT']}")
    if params.get("USER"):
        command.append(f"--username={params['USER']}")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()[-2000:]}")
