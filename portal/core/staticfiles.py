"""Static files storage: hashed names and compression (whitenoise), tolerant of vendor packages."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Scripts keep their original source-map comments: some vendor packages (the map's
    marker clustering) ship a minified file without its map, which must not stop
    collectstatic. Style sheets are still rewritten to hashed names."""

    patterns = tuple(
        (glob, rules)
        for glob, rules in CompressedManifestStaticFilesStorage.patterns
        if glob != "*.js"
    )
