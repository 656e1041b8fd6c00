"""What the brand pages show: the book's chapters and the asset library with its filters."""

from portal.core.pages import PageView
from portal.core.query import query_form, query_page

from .forms import LibraryFilterForm
from .selectors import brand_book_chapters, brand_sections, library_filter_choices, library_page


class BrandLandingView(PageView):
    def get_context(self, context):
        context["sections"] = brand_sections(landing=self.page, user=self.request.user)
        return context


class BrandBookView(PageView):
    def get_context(self, context):
        context["chapters"] = brand_book_chapters(chapter=self.page)
        return context


class AssetLibraryView(PageView):
    def get_context(self, context):
        request = self.request
        form = query_form(LibraryFilterForm, request, **library_filter_choices(user=request.user))
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["assets"] = library_page(
            user=request.user, filters=filters, page=query_page(request)
        )
        context["filtered"] = bool(filters and any(filters.values()))
        return context
