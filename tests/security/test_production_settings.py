"""Production settings, exercised in a separate process exactly as a deployment loads them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "a-production-secret-that-is-long-and-random-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "SITE_BASE_URL": "https://portal.example.org",
    "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'deploy-check.sqlite3'}",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env_overrides=None, drop=()):
    env = {**os.environ, **PRODUCTION_ENV, **(env_overrides or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_zero_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


OBJECT_STORAGE_ENV = {
    "MEDIA_STORAGE": "s3",
    "S3_MEDIA_BUCKET": "portal-media",
    "S3_PRIVATE_BUCKET": "portal-private",
    "S3_ACCESS_KEY_ID": "portal-key",
    "S3_SECRET_ACCESS_KEY": "portal-secret",
    "S3_ENDPOINT_URL": "https://objects.example.org",
    "S3_MEDIA_URL": "https://media.example.org",
}


def test_check_deploy_passes_with_files_in_object_storage():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=OBJECT_STORAGE_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_object_storage_settings_keep_private_files_private_and_allow_the_media_origin():
    script = (
        "from django.conf import settings as s;"
        "p = s.STORAGES['private']['OPTIONS']; d = s.STORAGES['default']['OPTIONS'];"
        "print(p['bucket_name'], p['default_acl'], p['querystring_auth'], p['querystring_expire'],"
        " d['bucket_name'], d['querystring_auth'], d['file_overwrite'],"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src'][-1])"
    )
    result = manage("shell", "--no-imports", "-c", script, env_overrides=OBJECT_STORAGE_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "portal-private",
        "private",
        "True",
        "60",
        "portal-media",
        "False",
        "False",
        "https://media.example.org",
    ]


@pytest.mark.parametrize(
    "missing", ["S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]
)
def test_object_storage_refuses_to_start_without_its_buckets_and_keys(missing):
    env = {name: value for name, value in OBJECT_STORAGE_ENV.items() if name != missing}
    result = manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "SITE_BASE_URL", "DATABASE_URL", "REDIS_URL"],
)
def test_production_refuses_to_start_without_its_secrets(missing):
    result = manage("check", drop=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_base_address_that_is_not_https():
    result = manage("check", env_overrides={"SITE_BASE_URL": "http://portal.example.org"})
    assert result.returncode != 0
    assert "SITE_BASE_URL must be the portal's public https:// address." in result.stderr


def test_production_uses_secure_cookies_hsts_idle_refresh_csp_and_the_task_queue():
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SESSION_REFRESH_INTERVAL, s.TASKS['default']['BACKEND'],"
        " \"'unsafe-inline'\" in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = manage("shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "31536000",
        "300",
        "django_tasks_db.DatabaseBackend",
        "False",
    ]


def test_production_logs_are_json_lines():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "import logging; logging.getLogger('portal').warning('hello')",
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if '"hello"' in line)
    record = json.loads(line)
    assert record["message"] == "hello"
    assert record["level"] == "WARNING"
    assert record["logger"] == "portal"
    assert "time" in record


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    """Every referenced file exists (or is left alone), so a deployment can build its static
    files; the map's vendor files come out with hashed names."""
    result = manage(
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        env_overrides={"STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/leaflet-markercluster/leaflet.markercluster.js" in manifest
    assert "geo/countries.geojson" in manifest
