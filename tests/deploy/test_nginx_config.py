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


def test_the_configuration_passes_nginx_t(nginx, tmp_path):
    config = write_nginx_config(
        tmp_path,
        https=8443,
        http=8080,
        hosts=(8001, 8002),
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        pinned={},
    )
    checked = subprocess.run([nginx, "-t", "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_only_public_media_are_served_from_disk():
    served_from_disk = re.findall(r"alias (\S+);", SITE)
    assert served_from_disk == [
        "/srv/portal/static/",
        "/srv/portal/media/images/",
        "/srv/portal/media/original_images/",
        "/srv/portal/media/slam/",
    ]
    assert "private" not in SITE.replace("privkey", "")
    assert re.search(r"location /media/ \{\s+return 404;", SITE)


def test_the_portal_gets_the_headers_it_trusts():
    headers = (DEPLOY / "portal_proxy_headers.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in headers
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in headers
    assert "proxy_set_header Host $host;" in headers
    assert SITE.count("include /etc/nginx/portal_proxy_headers.conf;") == 2
