from django.urls import path

from migralocal.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("<slug:slug>/activities/", views.programme_activities, name="activities"),
    path("<slug:slug>/iati.xml", views.programme_iati, name="iati"),
]

# The results framework (results_views.py).
from migralocal.programmes import results_views  # noqa: E402

urlpatterns += [
    path("<slug:slug>/results/", results_views.programme_results, name="results"),
    path(
        "<slug:slug>/results/framework/",
        results_views.results_framework,
        name="results_framework",
    ),
    path(
        "<slug:slug>/results/framework/<str:kind>/new/",
        results_views.results_new,
        name="results_new",
    ),
    path(
        "<slug:slug>/results/framework/<str:kind>/<int:pk>/edit/",
        results_views.results_edit,
        name="results_edit",
    ),
    path(
        "<slug:slug>/results/framework/<str:kind>/<int:pk>/delete/",
        results_views.results_delete,
        name="results_delete",
    ),
    path(
        "<slug:slug>/results/indicators/<int:pk>/",
        results_views.results_indicator,
        name="results_indicator",
    ),
    path(
        "<slug:slug>/results/evidence/<int:pk>/",
        results_views.results_evidence,
        name="results_evidence",
    ),
]
