"""/api/v1/: every module's resources, the OpenAPI schema and its documentation."""

from importlib import import_module

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from migralocal.core.modules import modules_providing

router = DefaultRouter()
for _config, module_name in modules_providing("api"):
    for prefix, viewset, basename in import_module(module_name).ROUTES:
        router.register(prefix, viewset, basename=basename)

# The documentation page loads its script from a URL (the "split" view), so scripts stay 'self'
# only; Swagger UI writes a <style> block and style attributes, so styles alone are relaxed, and
# only on this page, which shows no data beyond the public schema.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    *router.urls,
]
