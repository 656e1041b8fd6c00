from .assets import Asset, AssetDownload, AssetTag, AssetVariant, UsageTerms
from .pages import AssetLibraryPage, BrandBookPage, BrandLandingPage

__all__ = [
    "Asset",
    "AssetDownload",
    "AssetLibraryPage",
    "AssetTag",
    "AssetVariant",
    "BrandBookPage",
    "BrandLandingPage",
    "UsageTerms",
]
