from django.urls import path

from migralocal.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("hubs/<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("hubs/<slug:slug>/sheet/", views.hub_sheet, name="hub_sheet"),
    path("hubs/<slug:slug>/edit/", views.hub_edit, name="hub_edit"),
    path("hubs/<slug:slug>/services/new/", views.service_create, name="service_create"),
    path("services/<uuid:pk>/", views.service_detail, name="service_detail"),
    path("services/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("pathways/", views.pathway_list, name="pathway_list"),
    path("pathways/<slug:slug>/", views.pathway_detail, name="pathway_detail"),
    path("export/hsds.zip", views.export_download, name="export"),
    path("manage/", views.manage, name="manage"),
    path("hubs/<slug:slug>/report-problem/", views.hub_report, name="hub_report"),
    path("services/<uuid:pk>/report-problem/", views.service_report, name="service_report"),
    path("reports/", views.listing_reports, name="listing_reports"),
    path("reports/<int:pk>/", views.listing_report_handle, name="listing_report_handle"),
]
