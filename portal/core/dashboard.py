"""The work waiting for each editor, as panels on the Wagtail dashboard.

Each app that owns a kind of work adds its panel with the `construct_homepage_panels` hook,
through `add_work_panel`: a panel appears only for a person with that work waiting, lists
where it waits with how much, and links to the queue. Counting is the app's selector's job,
in a constant number of queries whatever the size of the queue.
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class WorkWaiting:
    """Work in one queue: what the queue is, how much waits (a sentence), and where it is."""

    label: str
    count_text: str
    url: str


class WorkWaitingPanel(Component):
    template_name = "core/admin/work_waiting_panel.html"

    def __init__(self, *, name: str, heading: str, items: list[WorkWaiting], order: int):
        self.name = name
        self.heading = heading
        self.items = items
        self.order = order

    def get_context_data(self, parent_context):
        return {"panel_id": self.name, "heading": self.heading, "items": self.items}


def add_work_panel(panels: list, *, name: str, heading: str, items, order: int = 50) -> None:
    """Add a panel to the dashboard's `panels` when `items` holds work; nothing otherwise.
    Wagtail's own panels come at 100 and later: work waiting is shown before them."""
    items = list(items or ())
    if items:
        panels.append(WorkWaitingPanel(name=name, heading=heading, items=items, order=order))
