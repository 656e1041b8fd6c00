"""Images people upload to a campaign (event photos, Slam application photos), kept in the
image library in one collection per campaign."""

from wagtail.images import get_image_model
from wagtail.models import Collection


def image_store(*, uploaded, title: str, user, collection: str):
    """Store an uploaded image (already checked by content) in the collection named
    `collection`, made on first use."""
    root = Collection.get_first_root_node()
    home = root.get_children().filter(name=collection).first()
    if home is None:
        home = root.add_child(name=collection)
    image = get_image_model()(
        title=title[:255], file=uploaded, collection=home, uploaded_by_user=user
    )
    image.save()
    return image
