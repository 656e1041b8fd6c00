"""deploy/nginx.conf passes `nginx -t` and keeps private files out of reach, without a database."""

import re
import subprocess

import pytest

from tests.deploy.nginx import DEPLOY, NGINX, REQUIRE_NGINX, write_nginx_config

SITE = (DEPLOY / "nginx.conf").read_text()


@pytest.fixture
def nginx():
    if NGINX is None:
        if REQUIRE_NGINX:
            pytest.fail("PORTAL_REQUIRE_NGINX=1 but nginx is not installed")
        pytest.skip("needs nginx (apt-get install nginx)")
    return NGINX


@pytest.mark.parametrize(
    "media",
    [{"media_root": "/srv/portal/media"}, {"bucket_url": "http://127.0.0.1:8333/portal-media"}],
    ids=["media on disk", "media in a bucket"],
)
def test_the_configuration_passes_nginx_t(nginx, tmp_path, media):
    config = write_nginx_config(
        tmp_path,
        https=8443,
        http=8080,
        hosts=(8001, 8002),
        static_root=tmp_path / "static",
        pinned={},
        **media,
    )
    checked = subprocess.run([nginx, "-t", "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_only_public_media_are_served_from_disk_or_the_bucket():
    local = (DEPLOY / "portal_media_local.conf").read_text()
    bucket = (DEPLOY / "portal_media_s3.conf").read_text()
    assert re.findall(r"alias (\S+);", SITE) == ["/srv/portal/static/"]
    assert re.findall(r"alias (\S+);", local) == [
        "/srv/portal/media/images/",
        "/srv/portal/media/original_images/",
        "/srv/portal/media/slam/",
    ]
    assert re.findall(r"proxy_pass (\S+);", bucket) == [
        "https://objects.example.org/portal-media/images/",
        "https://objects.example.org/portal-media/original_images/",
        "https://objects.example.org/portal-media/slam/",
    ]
    for config in (SITE, local, bucket):
        assert "private-media" not in config
        assert "portal-private" not in config
    assert re.search(r"location /media/ \{\s+return 404;", SITE)


def test_the_portal_gets_the_headers_it_trusts():
    headers = (DEPLOY / "portal_proxy_headers.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in headers
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in headers
    assert "proxy_set_header Host $host;" in headers
    assert SITE.count("include /etc/nginx/portal_proxy_headers.conf;") == 2
