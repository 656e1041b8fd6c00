"""The S3 server the storage tests run against keeps its own promises: the portal's keys reach
only the test buckets, anonymous clients read only the public prefixes of the media bucket, every
port is on loopback, and the internal ports refuse clients without the run's keys."""

import base64
import hashlib
import hmac
import json
import shutil
import socket
import ssl
import subprocess
import time

import pytest
import requests
from botocore.exceptions import ClientError

pytestmark = pytest.mark.s3
SS = shutil.which("ss")
# The client preface of HTTP/2 and an empty SETTINGS frame: what a gRPC client sends first.
HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes.fromhex("000000040000000000")


def test_portal_keys_write_and_read_the_test_buckets(s3_buckets):
    client = s3_buckets.client()
    for bucket in s3_buckets.buckets:
        client.put_object(Bucket=bucket, Key="probe/hello.txt", Body=b"hello")
        assert client.get_object(Bucket=bucket, Key="probe/hello.txt")["Body"].read() == b"hello"


def test_portal_keys_cannot_create_other_buckets(s3_buckets):
    with pytest.raises(ClientError) as refusal:
        s3_buckets.client().create_bucket(Bucket="someone-elses-bucket")
    assert refusal.value.response["Error"]["Code"] == "AccessDenied"


def test_anonymous_clients_read_only_the_public_media_prefixes(s3_buckets):
    client = s3_buckets.client()
    client.put_object(Bucket=s3_buckets.media_bucket, Key="images/photo.txt", Body=b"public")
    client.put_object(Bucket=s3_buckets.media_bucket, Key="documents/report.txt", Body=b"doc")
    client.put_object(Bucket=s3_buckets.private_bucket, Key="images/asset.txt", Body=b"secret")
    base = s3_buckets.endpoint_url

    public = requests.get(f"{base}/{s3_buckets.media_bucket}/images/photo.txt", timeout=5)
    assert (public.status_code, public.content) == (200, b"public")
    for address in (
        f"{base}/{s3_buckets.media_bucket}/documents/report.txt",
        f"{base}/{s3_buckets.private_bucket}/images/asset.txt",
        f"{base}/{s3_buckets.media_bucket}",
        f"{base}/",
    ):
        assert requests.get(address, timeout=5).status_code == 403, address
    refused_upload = requests.put(
        f"{base}/{s3_buckets.media_bucket}/images/planted.txt", data=b"x", timeout=5
    )
    assert refused_upload.status_code == 403


def test_buckets_are_emptied_between_tests(s3_buckets):
    client = s3_buckets.client()
    for bucket in s3_buckets.buckets:
        assert client.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def _tls_handshake(port: int, certificate_directory=None) -> bool:
    """Whether a TLS handshake on 127.0.0.1:`port` succeeds, with the run's client certificate
    from `certificate_directory` or with none."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["h2"])
    if certificate_directory is not None:
        context.load_cert_chain(
            certificate_directory / "grpc.crt", certificate_directory / "grpc.key"
        )
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
            context.wrap_socket(raw) as connection,
        ):
            # TLS 1.3 reports a missing client certificate only once data flows.
            connection.sendall(HTTP2_PREFACE)
            return connection.recv(9) != b""
    except (ssl.SSLError, ConnectionError):
        return False


def test_every_port_listens_on_loopback_only(s3_server):
    if SS is None:
        pytest.skip("needs ss (iproute2) to list listening sockets")
    listening = subprocess.run(
        [SS, "--listening", "--tcp", "--numeric", "--processes"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pids = (s3_server.process.pid, s3_server.master_process.pid)
    ours = [line for line in listening.splitlines() if any(f"pid={pid}," in line for pid in pids)]
    addresses = sorted(line.split()[3] for line in ours)
    assert addresses == sorted(f"127.0.0.1:{port}" for port in s3_server.roles.values())


def test_the_masters_http_api_is_turned_off(s3_server):
    master = f"http://127.0.0.1:{s3_server.roles['master']}"
    for path in ("/dir/assign", "/dir/status", "/dir/lookup?volumeId=1", "/vol/status"):
        assert requests.get(f"{master}{path}", timeout=5).status_code == 404, path


def test_unauthenticated_writes_to_the_volume_server_and_filer_are_refused(s3_buckets):
    ports = s3_buckets.roles
    upload = {"file": ("planted.txt", b"planted")}
    for address in (
        f"http://127.0.0.1:{ports['volume']}/3,01637037d6",
        f"http://127.0.0.1:{ports['filer']}/planted.txt",
        f"http://127.0.0.1:{ports['filer']}/buckets/{s3_buckets.media_bucket}/images/planted.txt",
    ):
        refused = requests.post(address, files=upload, timeout=5)
        assert refused.status_code == 401, address
    # Reading through the filer needs a token too, so objects cannot be listed or read there.
    s3_buckets.client().put_object(
        Bucket=s3_buckets.private_bucket, Key="brand/logo.svg", Body=b"<svg/>"
    )
    for path in (f"/buckets/{s3_buckets.private_bucket}/brand/logo.svg", "/buckets/", "/"):
        read = requests.get(f"http://127.0.0.1:{ports['filer']}{path}", timeout=5)
        assert read.status_code == 401, path
    # S3 with the test keys still works, and nothing was planted.
    client = s3_buckets.client()
    stored = client.get_object(Bucket=s3_buckets.private_bucket, Key="brand/logo.svg")
    assert stored["Body"].read() == b"<svg/>"
    assert client.list_objects_v2(Bucket=s3_buckets.media_bucket)["KeyCount"] == 0


def _token(key: str, **claims) -> str:
    """A JWT signed with `key` (HS256), valid for a minute, as SeaweedFS expects."""

    def encode(part: dict) -> bytes:
        return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=")

    signed = (
        encode({"alg": "HS256", "typ": "JWT"})
        + b"."
        + encode({"exp": int(time.time()) + 60, **claims})
    )
    signature = hmac.new(key.encode(), signed, hashlib.sha256).digest()
    return (signed + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


def test_reads_from_the_volume_server_need_a_token(s3_buckets):
    body = bytes(range(256)) * 400  # large enough to be stored in a chunk, not in the entry
    s3_buckets.client().put_object(
        Bucket=s3_buckets.private_bucket, Key="brand/guide.pdf", Body=body
    )
    ports, keys = s3_buckets.roles, s3_buckets.jwt_keys
    entry = requests.get(
        f"http://127.0.0.1:{ports['filer']}/buckets/{s3_buckets.private_bucket}"
        "/brand/guide.pdf?metadata=true",
        headers={"Authorization": f"Bearer {_token(keys['filer_read'])}"},
        timeout=5,
    ).json()
    file_id = entry["chunks"][0]["file_id"]
    address = f"http://127.0.0.1:{ports['volume']}/{file_id}"

    assert requests.get(address, timeout=5).status_code == 401
    forged = _token("not-the-key", fid=file_id)
    refused = requests.get(address, headers={"Authorization": f"Bearer {forged}"}, timeout=5)
    assert refused.status_code == 401
    signed = _token(keys["volume_read"], fid=file_id)
    read = requests.get(address, headers={"Authorization": f"Bearer {signed}"}, timeout=5)
    assert (read.status_code, read.content) == (200, body)
    assert (
        s3_buckets.client()
        .get_object(Bucket=s3_buckets.private_bucket, Key="brand/guide.pdf")["Body"]
        .read()
        == body
    )


def test_grpc_ports_ask_for_the_runs_client_certificate(s3_server):
    for role in ("master.grpc", "volume.grpc", "filer.grpc", "s3.grpc"):
        port = s3_server.roles[role]
        assert not _tls_handshake(port), f"{role} answered without a certificate"
        assert _tls_handshake(port, s3_server.config_directory), role
        with socket.create_connection(("127.0.0.1", port), timeout=5) as plain:
            plain.sendall(HTTP2_PREFACE)
            assert not plain.recv(9).startswith(b"\x00\x00"), f"{role} speaks plain HTTP/2"
