"""Images shown in listings, with their renditions loaded for the whole list at once."""

from django.db.models import Prefetch
from wagtail.images import get_image_model


def with_renditions(queryset, field: str, *filter_specs: str):
    """`queryset` with each row's image in `field` joined and the renditions named by
    `filter_specs` fetched in one query for every row (Wagtail's `prefetch_renditions`
    through the relation): no query per image, however long the list."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    )
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
