from .assets import (
    AnonymousTermsAcceptance,
    Asset,
    AssetDownload,
    AssetTag,
    AssetVariant,
    UsageTerms,
)
from .pages import AssetLibraryPage, BrandBookPage, BrandLandingPage

__all__ = [
    "AnonymousTermsAcceptance",
    "Asset",
    "AssetDownload",
    "AssetLibraryPage",
    "AssetTag",
    "AssetVariant",
    "BrandBookPage",
    "BrandLandingPage",
    "UsageTerms",
]
