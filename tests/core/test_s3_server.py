"""The S3 server the storage tests run against keeps its own promises: the portal's keys reach
only the test buckets, and anonymous clients read only the public prefixes of the media bucket."""

import pytest
import requests
from botocore.exceptions import ClientError

pytestmark = pytest.mark.s3


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
