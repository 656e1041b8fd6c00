"""Backups that restore: the database and every stored file, in one directory, and back.

A backup directory holds
- the database: `database.pgdump` (pg_dump's custom format) on PostgreSQL, `database.sqlite3`
  (a copy made with SQLite's backup API) on SQLite;
- `files/<storage>/<name>`: every file of every storage the portal's file fields use, read
  through the Django storage API, so a bucket is copied like a directory;
- `manifest.json`: when, from which versions, the applied migrations, the rows of every table,
  and each file's size and SHA-256, so a restore can check the copy before it uses it.

What is consistent: the dump is one snapshot (an exported PostgreSQL snapshot that pg_dump and
the reading of file references share; on SQLite, the backup API's copy of every page under one
read lock, from which the references are then read). Files are copied after it. Uploads get
new random names and are never written over in place (on a bucket only while the storage keeps
`file_overwrite` off), so the copied files are a superset of what the dump refers to, except
for a file deleted between the snapshot and its copy (a replaced photo, a regenerated preview,
a deleted image): such files are listed under "missing" in the manifest and reported, never
silently lost.

A restore goes onto an empty database and empty storages only; it refuses anything else, so it
cannot mix two sites or overwrite the one that is running.
"""

import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from portal.core.cache import content_changed
from portal.core.private_files import PrivateFileStorage

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
DEFAULT_STORAGE = "default"
CHUNK = 1024 * 1024

# libpq reads these from the environment, which keeps the password off the command line.
_LIBPQ_ENVIRONMENT = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
}
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
}


class BackupError(Exception):
    """What stops a backup or a restore, in words for the operator."""


@dataclass
class StorageGroup:
    """One place files are kept, and the file fields (`app.Model.field`) that keep files there.
    Fields whose storages point at the same place share a group, so its files are copied once."""

    label: str
    storage: object
    fields: list[str] = field(default_factory=list)


# Storages ----------------------------------------------------------------------------------


def _file_fields():
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for model_field in model._meta.local_fields:
            if isinstance(model_field, models.FileField):
                yield model, model_field


def _place(storage) -> tuple[str, str, str]:
    """Where a storage keeps its files: a bucket (and its endpoint) and a folder in it, or a
    directory on disk. A private file field's storage keeps its files in the configured
    "private" storage."""
    if isinstance(storage, PrivateFileStorage):
        storage = storage.backend
    return (
        str(getattr(storage, "endpoint_url", "") or ""),
        str(getattr(storage, "bucket_name", "") or ""),
        str(getattr(storage, "location", "") or ""),
    )


def storage_groups() -> dict[str, StorageGroup]:
    """Every storage the portal's file fields use, once per place, by label: "default" for the
    default storage, else the first field (alphabetically) that keeps its files there."""
    by_place = {_place(default_storage): StorageGroup(DEFAULT_STORAGE, default_storage)}
    for model, model_field in _file_fields():
        storage = model_field.storage
        group = by_place.setdefault(_place(storage), StorageGroup("", storage))
        group.fields.append(f"{model._meta.label}.{model_field.name}")
    groups = {}
    for group in by_place.values():
        group.fields.sort()
        group.label = group.label or group.fields[0]
        groups[group.label] = group
    return groups


def stored_names(storage, folder: str = ""):
    """Every file name in `storage` under `folder`, depth first, in a stable order."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a directory on disk that nothing was ever saved to
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for directory in sorted(directories):
        yield from stored_names(storage, str(PurePosixPath(folder, directory)))


def _storage_is_empty(storage) -> bool:
    return next(stored_names(storage), None) is None


# Reading the database ----------------------------------------------------------------------


def _file_references(cursor, quote) -> dict[str, set[str]]:
    """The stored names the database read through `cursor` refers to, by storage label."""
    place_labels = {_place(group.storage): label for label, group in storage_groups().items()}
    references = {}
    for model, model_field in _file_fields():
        table, column = quote(model._meta.db_table), quote(model_field.column)
        # Names come from the models, quoted by the database's own rules.
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"  # noqa: S608
        )
        label = place_labels[_place(model_field.storage)]
        references.setdefault(label, set()).update(name for (name,) in cursor.fetchall())
    return references


def _model_tables() -> list[str]:
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy and model._meta.managed:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _row_counts(cursor, quote, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        # Table names come from the models, quoted by the database's own rules.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
        (counts[table],) = cursor.fetchone()
    return counts


def _describe_database(cursor, quote) -> dict:
    """Migrations, rows per table and file references, read through `cursor`, so from whatever
    snapshot it reads: the exported one, or the finished SQLite copy."""
    cursor.execute("SELECT app, name FROM django_migrations")
    return {
        "migrations": sorted([app, name] for app, name in cursor.fetchall()),
        "rows": _row_counts(cursor, quote, _model_tables()),
        "references": {
            label: sorted(names) for label, names in _file_references(cursor, quote).items()
        },
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


# PostgreSQL client programs ----------------------------------------------------------------


def _libpq_environment(settings_dict: dict) -> dict[str, str]:
    environment = dict(os.environ)
    for key, variable in _LIBPQ_ENVIRONMENT.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    for key, variable in _LIBPQ_OPTIONS.items():
        value = settings_dict.get("OPTIONS", {}).get(key)
        if value:
            environment[variable] = str(value)
    return environment


def client_program(name: str) -> tuple[str, int]:
    """The path of PostgreSQL's `name` (pg_dump, pg_restore) and its major version."""
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client of the server's version "
            "(Debian: apt-get install postgresql-client-15)."
        )
    # The program found on PATH, with fixed arguments.
    answer = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, check=True
    )
    found = re.search(r"(\d+)(?:\.\d+)?", answer.stdout)
    if not found:
        raise BackupError(f"Cannot read the version of {path}: {answer.stdout.strip()}")
    return path, int(found.group(1))


def _server_major(connection) -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _run(command: list[str], *, environment: dict[str, str], what: str) -> None:
    # A PostgreSQL client program with arguments built here, never from a shell string.
    result = subprocess.run(  # noqa: S603
        command, env=environment, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed ({result.returncode}): {result.stderr.strip()}")


# Backup ------------------------------------------------------------------------------------


def _dump_postgresql(connection, target: Path) -> dict:
    pg_dump, tool_major = client_program("pg_dump")
    server_major = _server_major(connection)
    if tool_major < server_major:
        raise BackupError(
            f"pg_dump {tool_major} cannot dump a PostgreSQL {server_major} server: install the "
            f"client of version {server_major} or later."
        )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The snapshot pg_dump reads is this transaction's, so the references and counts read
        # below describe exactly the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            environment=_libpq_environment(connection.settings_dict),
            what="pg_dump",
        )
        described = _describe_database(cursor, connection.ops.quote_name)
    described["versions"] = {"server": server_major, "pg_dump": tool_major}
    return described


def _dump_sqlite(connection, target: Path) -> dict:
    # The backup API copies all pages in one step under one read lock: a snapshot. What the
    # manifest says about the database is then read from the copy itself.
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        described = _describe_database(copy.cursor(), connection.ops.quote_name)
    finally:
        copy.close()
    described["versions"] = {"sqlite": sqlite3.sqlite_version}
    return described


def _copy_out(storage, name: str, target: Path) -> dict:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as source, open(target, "wb") as copy:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            copy.write(chunk)
    return {"name": name, "bytes": size, "sha256": digest.hexdigest()}


def backup_create(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Back up the database and every storage into `destination`, a directory that does not
    exist yet or is empty; returns the manifest, also written there."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: back up into a new directory.")
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A backup takes its own snapshot: run it outside a transaction.")
    dumpers = {"postgresql": _dump_postgresql, "sqlite": _dump_sqlite}
    if connection.vendor not in dumpers:
        raise BackupError(f"Backups of a {connection.vendor} database are not supported.")
    destination.mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    database_file = destination / DATABASE_FILES[connection.vendor]
    database = dumpers[connection.vendor](connection, database_file)
    references = database.pop("references")

    storages, files, missing = [], [], []
    for label, group in storage_groups().items():
        copied = [
            {"storage": label, **_copy_out(group.storage, name, destination / FILES / label / name)}
            for name in stored_names(group.storage)
        ]
        files.extend(copied)
        names = {entry["name"] for entry in copied}
        missing.extend(
            {"storage": label, "name": name}
            for name in sorted(set(references.get(label, ())) - names)
        )
        storages.append(
            {
                "label": label,
                "fields": group.fields,
                "files": len(copied),
                "bytes": sum(entry["bytes"] for entry in copied),
            }
        )
    manifest = {
        "format": FORMAT,
        "started_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "versions": {
            "python": platform.python_version(),
            "django": django.__version__,
            "wagtail": wagtail.__version__,
            **database.pop("versions"),
        },
        "database": {
            "vendor": connection.vendor,
            "file": database_file.name,
            "bytes": database_file.stat().st_size,
            "sha256": _sha256(database_file),
            **database,
        },
        "storages": storages,
        "files": files,
        "missing": missing,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


# Restore -----------------------------------------------------------------------------------


def manifest_read(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} has no {MANIFEST}: it is not a portal backup.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def _check_copy(source: Path, manifest: dict) -> None:
    """Refuse a backup whose files are not byte for byte what its manifest says."""
    database = manifest["database"]
    entries = [(source / database["file"], database["sha256"])]
    entries += [
        (source / FILES / entry["storage"] / entry["name"], entry["sha256"])
        for entry in manifest["files"]
    ]
    for path, expected in entries:
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"{path} is missing or damaged (its checksum differs): not restored.")


def _target_storages(manifest: dict) -> dict[str, object]:
    """The storage of this installation each of the backup's storages goes to: where its fields
    keep their files here. Refuses when fields that shared one place now keep files in several,
    since the files cannot then be told apart."""
    here = storage_groups()
    group_of_field = {name: group for group in here.values() for name in group.fields}
    targets = {}
    for stored in manifest["storages"]:
        if stored["label"] == DEFAULT_STORAGE:
            targets[DEFAULT_STORAGE] = here[DEFAULT_STORAGE].storage
            continue
        places = {group_of_field[name].label for name in stored["fields"] if name in group_of_field}
        if len(places) != 1:
            raise BackupError(
                f"The files of {', '.join(stored['fields'])} were kept together; here they "
                f"belong to {len(places) or 'no'} storages: configure one place for them."
            )
        targets[stored["label"]] = here[places.pop()].storage
    return targets


def _check_target(connection, manifest: dict, targets: dict[str, object]) -> None:
    vendor = manifest["database"]["vendor"]
    if connection.vendor != vendor:
        raise BackupError(f"This is a {vendor} backup; the database here is {connection.vendor}.")
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables): restore into a new, empty database."
        )
    for label, storage in targets.items():
        if not _storage_is_empty(storage):
            raise BackupError(
                f"The storage for {label} already holds files: restore into empty storage."
            )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["database"]["migrations"]]
    unknown = [name for name in unknown if tuple(name.split(".", 1)) not in known]
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of the portal (unknown migrations: "
            f"{', '.join(unknown[:5])}): restore it with that version."
        )


def _restore_postgresql(connection, database_file: Path, manifest: dict) -> None:
    pg_restore, tool_major = client_program("pg_restore")
    dumped_with = manifest["versions"]["pg_dump"]
    if tool_major < dumped_with:
        raise BackupError(
            f"pg_restore {tool_major} cannot read a dump of pg_dump {dumped_with}: install the "
            f"client of version {dumped_with} or later."
        )
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(database_file),
        ],
        environment=_libpq_environment(connection.settings_dict),
        what="pg_restore",
    )


def _restore_sqlite(connection, database_file: Path, manifest: dict) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(database_file)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()


def _copy_in(storage, name: str, source: Path) -> None:
    with open(source, "rb") as content:
        saved = storage.save(name, File(content, name=name))
    if saved != name:
        raise BackupError(f"{name} was stored as {saved}: the storage was not empty.")


def backup_restore(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Restore the backup in `source` onto this installation's empty database and storages;
    returns what was restored. Everything is checked before anything is written."""
    source = Path(source)
    manifest = manifest_read(source)
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Run a restore outside a transaction.")
    _check_copy(source, manifest)
    targets = _target_storages(manifest)
    _check_target(connection, manifest, targets)

    restorers = {"postgresql": _restore_postgresql, "sqlite": _restore_sqlite}
    restorers[connection.vendor](connection, source / manifest["database"]["file"], manifest)
    for entry in manifest["files"]:
        stored = source / FILES / entry["storage"] / entry["name"]
        _copy_in(targets[entry["storage"]], entry["name"], stored)

    expected = manifest["database"]["rows"]
    with connection.cursor() as cursor:
        rows = _row_counts(cursor, connection.ops.quote_name, list(expected))
    differing = [table for table, count in expected.items() if rows[table] != count]
    if differing:
        raise BackupError(f"Restored rows differ from the backup in: {', '.join(differing[:10])}")
    # Pages cached by whatever ran against this cache before belong to another database.
    content_changed()
    return {
        "rows": sum(rows.values()),
        "tables": len(rows),
        "files": len(manifest["files"]),
        "missing": len(manifest["missing"]),
    }
