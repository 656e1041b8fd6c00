import factory
from wagtail.models import Page

from portal.home.models import StandardPage


class StandardPageFactory(factory.Factory):
    """Builds a StandardPage and adds it to the tree below `parent` (default: the home page)."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    summary = "A page written for the tests."
    introduction = "Introduction."
    body = factory.LazyFunction(lambda: [("rich_text", "<p>Body text.</p>")])

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        from portal.home.models import HomePage

        parent = parent or HomePage.objects.get()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
