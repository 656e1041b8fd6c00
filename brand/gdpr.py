from portal.accounts import gdpr

from .models import AssetDownload


@gdpr.register("brand_downloads")
def brand_download_data(user):
    """Terms acceptances are in "consents"; these are the files the person downloaded."""
    return [
        {
            "asset": download.asset.title,
            "file": str(download.variant),
            "in_zip": download.in_zip,
            "downloaded": download.downloaded_at.isoformat(),
        }
        for download in AssetDownload.objects.filter(user=user).select_related("asset", "variant")
    ]
