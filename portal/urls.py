from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from academy import views as academy_views
from portal.core import routing
from portal.core import views as core_views

handler500 = "portal.core.outages.server_error_or_unavailable"

SIGN_IN_REDIRECT = RedirectView.as_view(pattern_name="account_login", query_string=True)
PASSWORD_RESET_REDIRECT = RedirectView.as_view(pattern_name="account_reset_password")

# Addresses without a language: machines, files and the editors' admin (in each editor's own
# language). Everything people read is below, once per language (portal.core.languages).
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("language/<str:code>/", core_views.choose_language, name="choose_language"),
    # Open Badges: the issuer's did:web keys and the revocation lists verifiers fetch.
    path(".well-known/did.json", academy_views.did_document, name="did_document"),
    path(
        "credentials/status/<int:number>",
        academy_views.credential_status_list,
        name="credential_status_list",
    ),
    # One sign-in form for everyone, with one set of rate limits: Wagtail's own login and
    # password-reset forms hand over to allauth's.
    path("admin/login/", core_views.editors_sign_in, name="wagtailadmin_login"),
    path("_util/login/", SIGN_IN_REDIRECT, name="wagtailcore_login"),
    re_path(r"^admin/password_reset/", PASSWORD_RESET_REDIRECT, name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

localised_patterns = [
    path("search/", core_views.search, name="search"),
    path("", include("portal.accounts.urls")),
    path("", include("academy.urls")),
    path("", include("campaigns.cooperation_day.urls")),
    path("", include("campaigns.slam.urls")),
    path("", include("brand.urls")),
    path("", include("community.urls")),
    path("", include("hub.urls")),
    path("", include("hub.news.urls")),
    path("", include("hub.calls.urls")),
    path("", include("hub.vacancies.urls")),
    path("", include("hub.alerts.urls")),
    path("", include("portal.notifications.urls")),
    path("accounts/", include("allauth.urls")),
    # Wagtail's pages come last: they answer every address the views above leave, found
    # through the routes kept until the next publish.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

if settings.SERVE_MEDIA_FILES:
    # Development and tests only. Images and Slam films are public; documents live under
    # media/ too but are only ever served through Wagtail's document view, which applies
    # collection privacy.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:original_images|images|slam)/.*)$",
            serve_file,
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    )

urlpatterns += i18n_patterns(*localised_patterns, prefix_default_language=False)
