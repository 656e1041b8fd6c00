"""deploy/nginx.conf made runnable on loopback: the test's ports, paths and certificate in
place of production's, inside a whole nginx configuration of the test's own."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if Path(path).is_file()), None
)
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
REQUIRE_NGINX = os.environ.get("PORTAL_REQUIRE_NGINX") == "1"


def certificate_pair(directory: Path) -> tuple[Path, Path]:
    certificate, key = directory / "tls.crt", directory / "tls.key"
    subprocess.run(
        [
            OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"the file in deploy/ no longer contains {old!r}"
    return text.replace(old, new)


def media_locations(*, media_root: Path | None = None, bucket_url: str = "",
                    bucket_headers: Path | None = None) -> str:  # fmt: skip
    """deploy/portal_media_local.conf over `media_root`, or, given `bucket_url`
    (http://127.0.0.1:port/bucket), deploy/portal_media_s3.conf passing through to it."""
    if not bucket_url:
        return _replace(
            (DEPLOY / "portal_media_local.conf").read_text(), "/srv/portal/media/", f"{media_root}/"
        )
    media = (DEPLOY / "portal_media_s3.conf").read_text()
    media = _replace(media, "https://objects.example.org/portal-media", bucket_url)
    return _replace(media, "/etc/nginx/portal_bucket_headers.conf", str(bucket_headers))


def nginx_site(*, https_port, http_port, hosts, static_root, media, certificate, key,
               headers) -> str:  # fmt: skip
    """deploy/nginx.conf with the test's addresses and paths in place of production's."""
    site = (DEPLOY / "nginx.conf").read_text()
    site = _replace(site, "server 10.0.0.11:8000", f"server 127.0.0.1:{hosts[0]}")
    site = _replace(site, "server 10.0.0.12:8000", f"server 127.0.0.1:{hosts[1]}")
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replace(site, "listen [::]:80;\n", "")
    site = _replace(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = _replace(site, "listen [::]:443 ssl http2;\n", "")
    site = _replace(site, "/etc/ssl/portal/fullchain.pem", str(certificate))
    site = _replace(site, "/etc/ssl/portal/privkey.pem", str(key))
    site = _replace(site, "/srv/portal/static/", f"{static_root}/")
    site = _replace(site, "/etc/nginx/portal_media.conf", str(media))
    return _replace(site, "/etc/nginx/portal_proxy_headers.conf", str(headers))


def nginx_main(*, directory: Path, site: Path, pinned: dict[int, int], certificate, key,
               headers) -> str:  # fmt: skip
    """A whole nginx configuration around the site: the test's own pid, logs and temporary
    paths, and one extra address per web host that always goes to that host."""
    pinned_servers = "".join(
        f"""
    server {{
        listen 127.0.0.1:{listen} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        location / {{
            proxy_pass http://127.0.0.1:{host};
            include {headers};
        }}
    }}"""
        for listen, host in pinned.items()
    )
    temp = "".join(
        f"    {kind}_temp_path {directory / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "nginx-error.log"} warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory / "nginx-access.log"};
{temp}    include {site};{pinned_servers}
}}
"""


def write_nginx_config(directory: Path, **ports) -> Path:
    """The whole configuration in `directory`, its media from `media_root` on disk or passed
    through to `bucket_url`."""
    certificate, key = certificate_pair(directory)
    headers = directory / "portal_proxy_headers.conf"
    shutil.copy(DEPLOY / "portal_proxy_headers.conf", headers)
    bucket_headers = directory / "portal_bucket_headers.conf"
    shutil.copy(DEPLOY / "portal_bucket_headers.conf", bucket_headers)
    media = directory / "portal_media.conf"
    media.write_text(
        media_locations(
            media_root=ports.get("media_root"),
            bucket_url=ports.get("bucket_url", ""),
            bucket_headers=bucket_headers,
        )
    )
    site = directory / "portal.conf"
    site.write_text(
        nginx_site(
            https_port=ports["https"],
            http_port=ports["http"],
            hosts=ports["hosts"],
            static_root=ports["static_root"],
            media=media,
            certificate=certificate,
            key=key,
            headers=headers,
        )
    )
    main = directory / "nginx.conf"
    main.write_text(
        nginx_main(
            directory=directory,
            site=site,
            pinned=ports["pinned"],
            certificate=certificate,
            key=key,
            headers=headers,
        )
    )
    return main
