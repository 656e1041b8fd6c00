"""Who may do what with the brand's own screens; assets follow portal.core.access."""


def may_see_statistics(user) -> bool:
    """Download statistics: the Brand managers group (and whoever else may view downloads)."""
    return user.is_authenticated and user.has_perm("brand.view_assetdownload")
