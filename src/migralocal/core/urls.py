from django.urls import path

from migralocal.core import (
    content_translation_views,
    follow_views,
    kept_posts,
    session_guard,
    two_factor_views,
    views,
)

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.landing, name="landing"),
    path("me/organisations/", views.my_organisations, name="my_organisations"),
    path("me/api-token/", views.api_token, name="api_token"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("programme/organisations/", views.programme_organisations, name="programme_organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("me/follows/", follow_views.my_follows, name="my_follows"),
    path("me/follows/<int:pk>/stop/", follow_views.my_follow_stop, name="my_follow_stop"),
    path("follow/", follow_views.follow, name="follow"),
    path("follow/sent/", follow_views.follow_sent, name="follow_sent"),
    path("follow/confirm/<str:token>/", follow_views.follow_confirm, name="follow_confirm"),
    path("follow/stop/<str:token>/", follow_views.follow_stop, name="follow_stop"),
    path(
        "translations/",
        content_translation_views.translation_coverage,
        name="translation_coverage",
    ),
    path(
        "translations/export/",
        content_translation_views.translation_export,
        name="translation_export",
    ),
    path(
        "translations/import/",
        content_translation_views.translation_import,
        name="translation_import",
    ),
    path(
        "translations/<str:language>/<str:module>/",
        content_translation_views.translation_missing,
        name="translation_missing",
    ),
    path("demo/mail/", views.demo_mail, name="demo_mail"),
    path("session/extend/", session_guard.session_extend, name="session_extend"),
    path("session/kept-form/", kept_posts.kept_post, name="kept_post"),
    # Under accounts/ with allauth's pages, open to those who have not set up two-factor yet.
    path(
        "accounts/2fa/enrol/",
        two_factor_views.two_factor_enrolment,
        name="two_factor_enrolment",
    ),
    path(
        "accounts/2fa/enrol/<str:token>/",
        two_factor_views.two_factor_enrolment_confirm,
        name="two_factor_enrolment_confirm",
    ),
]
