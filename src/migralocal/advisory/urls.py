from django.urls import path

from migralocal.advisory import views

app_name = "advisory"

urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.engagement_create, name="create"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("instruments/<int:pk>/", views.instrument_detail, name="instrument"),
    path("instruments/<int:pk>/edit/", views.instrument_edit, name="instrument_edit"),
    path("instruments/<int:pk>/drafts/", views.version_add, name="version_add"),
    path("instruments/<int:pk>/rounds/", views.round_add, name="round_add"),
    path("drafts/<int:pk>/", views.version_download, name="version"),
    path("rounds/<int:pk>/send/", views.round_send, name="round_send"),
    path(
        "rounds/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<int:pk>/respond/",
        views.recommendation_respond,
        name="recommendation_respond",
    ),
    path(
        "recommendations/<int:pk>/action/",
        views.recommendation_action,
        name="recommendation_action",
    ),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("public/<slug:slug>/", views.public_adopted, name="public"),
    path("<slug:slug>/", views.engagement_detail, name="detail"),
    path("<slug:slug>/edit/", views.engagement_edit, name="edit"),
    path("<slug:slug>/summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<slug:slug>/publication/", views.engagement_publication, name="publication"),
    path("<slug:slug>/documents/", views.document_add, name="document_add"),
    path("<slug:slug>/instruments/new/", views.instrument_create, name="instrument_create"),
    path("<slug:slug>/recommendations/", views.recommendation_list, name="recommendations"),
    path("<slug:slug>/plan/", views.plan, name="plan"),
    path("<slug:slug>/plan/new/", views.activity_create, name="activity_create"),
    path(
        "<slug:slug>/recommendations.xlsx",
        views.recommendation_export,
        name="recommendations_export",
    ),
]
