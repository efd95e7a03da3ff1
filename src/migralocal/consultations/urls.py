from django.urls import path

from migralocal.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.home, name="home"),
    path("record/", views.record, name="record"),
    path("record/offline/", views.offline_record, name="offline_record"),
    path("record/offline/sync/", views.offline_sync, name="offline_sync"),
    path("services/search/", views.service_search, name="service_search"),
    path("services/<uuid:pk>/chosen/", views.service_chosen, name="service_chosen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/identity/", views.identity, name="identity"),
    path("referrals/<int:pk>/", views.referral_edit, name="referral_edit"),
    path("referrals/incoming/", views.incoming, name="incoming"),
    path("referrals/<int:pk>/respond/", views.referral_respond, name="referral_respond"),
    path("referrals/<int:pk>/shared-details/", views.shared_identity, name="shared_identity"),
    path("hubs/<slug:slug>/", views.hub_consultations, name="hub"),
    path("hubs/<slug:slug>/follow-ups/", views.follow_ups, name="follow_ups"),
    path("hubs/<slug:slug>/dashboard/", views.hub_dashboard, name="hub_dashboard"),
    path("hubs/<slug:slug>/xlsform.xlsx", views.xlsform_download, name="xlsform"),
    path("hubs/<slug:slug>/import/", views.upload, name="upload"),
    path(
        "hubs/<slug:slug>/import/connection/",
        views.field_data_connection,
        name="field_data_connection",
    ),
    path("hubs/<slug:slug>/import/pull/", views.field_data_pull, name="field_data_pull"),
    path("imports/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("imports/<int:pk>/progress/", views.upload_progress, name="upload_progress"),
    path("dashboard/", views.area_dashboard, name="area_dashboard"),
]
