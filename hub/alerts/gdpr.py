"""A person's saved searches in "download my data". They and what was sent for them go with
the account (the database's cascades)."""

from portal.accounts.gdpr import iso, register

from .models import AlertDelivery, SavedSearch


@register("saved_searches")
def saved_searches_data(user):
    return {
        "saved_searches": [
            {
                "name": saved.name,
                "kind": saved.kind,
                "filters": saved.query,
                "saved": iso(saved.created_at),
            }
            for saved in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "alerts_sent": [
            {
                "kind": delivery.kind,
                "item": delivery.item_key,
                "occasion": delivery.occasion,
                "sent": iso(delivery.created_at),
            }
            for delivery in AlertDelivery.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }
