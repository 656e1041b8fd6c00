from django.urls import path

from . import views

app_name = "brand"

urlpatterns = [
    path("brand/assets/<int:pk>/", views.asset_detail, name="asset"),
    path("brand/files/<int:pk>/download/", views.variant_download, name="download"),
    path("brand/files/<int:pk>/preview/", views.variant_preview, name="preview"),
    path("brand/files/zip/", views.variants_zip, name="zip"),
    path("brand/stored/<path:name>", views.stored_file, name="stored_file"),
    path("brand/terms/<int:pk>/", views.terms, name="terms"),
    path("brand/files/<int:pk>/terms/", views.download_terms, name="download_terms"),
    path("brand/logo-generator/", views.logo_generator, name="logo_generator"),
    path("brand/logo-generator/logo.<str:file_format>", views.logo_download, name="logo_file"),
]
