from django.urls import path

from migralocal.calls import views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/<slug:slug>/", views.call_create, name="create"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/edit/", views.call_edit, name="edit"),
    path("<int:pk>/apply/", views.call_apply, name="apply"),
    path("<int:pk>/applications/", views.call_applications, name="applications"),
    path("<int:pk>/cohort/", views.call_cohort, name="cohort"),
    path(
        "applications/<int:pk>/<slug:decision>/",
        views.application_decide,
        name="decide",
    ),
]
