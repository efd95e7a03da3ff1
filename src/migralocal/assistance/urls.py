from django.urls import path

from migralocal.assistance import views

app_name = "assistance"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("registrations-template.csv", views.registration_template, name="template"),
    path("new/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("<slug:slug>/households/", views.household_list, name="households"),
    path("<slug:slug>/households/new/", views.household_create, name="household_create"),
    path("<slug:slug>/households/<int:pk>/", views.household_detail, name="household"),
    path("<slug:slug>/import/", views.registration_import, name="import"),
    path("<slug:slug>/duplicates/", views.duplicate_queue, name="duplicates"),
    path("<slug:slug>/duplicates/<int:pk>/", views.duplicate_decide, name="decide"),
]
