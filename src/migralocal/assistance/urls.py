from django.urls import path

from migralocal.assistance import grievance_views, payment_views, verification_views, views

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
    # Grievances and feedback, referrals from hubs, KoboToolbox or ODK imports.
    path("follow-up/grievance/", grievance_views.grievance_status, name="grievance_status"),
    path("refer/consultation/<int:pk>/", grievance_views.cash_referral, name="refer_consultation"),
    path("<slug:slug>/feedback/", grievance_views.grievance_public, name="grievance_public"),
    path("<slug:slug>/grievances/", grievance_views.grievance_list, name="grievances"),
    path("<slug:slug>/grievances/new/", grievance_views.grievance_create, name="grievance_create"),
    path("<slug:slug>/grievances/<int:pk>/", grievance_views.grievance_detail, name="grievance"),
    path("<slug:slug>/referrals/", grievance_views.pending_list, name="pending"),
    path("<slug:slug>/referrals/<int:pk>/", grievance_views.pending_detail, name="pending_detail"),
    path("<slug:slug>/xlsform.xlsx", grievance_views.xlsform_download, name="xlsform"),
    path("<slug:slug>/import-kobo/", grievance_views.submissions_import, name="kobo_import"),
]

# Targeting and payments (payment_views.py).
urlpatterns += [
    path("<slug:slug>/targeting/", payment_views.targeting, name="targeting"),
    path("<slug:slug>/targeting/assess/", payment_views.targeting_assess, name="assess"),
    path("<slug:slug>/targeting/approve/", payment_views.targeting_approve, name="approve"),
    path("<slug:slug>/targeting/enrol/", payment_views.targeting_enrol, name="enrol"),
    path("<slug:slug>/payments/", payment_views.payments, name="payments"),
    path(
        "<slug:slug>/payments/providers/new/", payment_views.provider_create, name="provider_create"
    ),
    path("<slug:slug>/payments/cycles/new/", payment_views.cycle_create, name="cycle_create"),
    path(
        "<slug:slug>/payments/cycles/<int:pk>/list/",
        payment_views.payment_list_create,
        name="payment_list_create",
    ),
    path("<slug:slug>/payments/lists/<int:pk>/", payment_views.payment_list, name="payment_list"),
    path(
        "<slug:slug>/payments/lists/<int:pk>/reconcile/",
        payment_views.payment_list_reconcile,
        name="reconcile",
    ),
    path(
        "<slug:slug>/payments/lists/<int:pk>/export.<str:file_format>",
        payment_views.payment_list_export,
        name="payment_export",
    ),
]

# Payment verification (verification_views.py).
urlpatterns += [
    path(
        "<slug:slug>/payments/cycles/<int:pk>/verification/",
        verification_views.cycle_verification,
        name="verification",
    ),
    path(
        "<slug:slug>/payments/cycles/<int:pk>/verification/export.<str:file_format>",
        verification_views.cycle_verification_export,
        name="verification_export",
    ),
    path(
        "<slug:slug>/payments/cycles/<int:pk>/verification/draw/",
        verification_views.verification_draw,
        name="verification_draw",
    ),
    path(
        "<slug:slug>/payments/verifications/<int:pk>/",
        verification_views.verification_record,
        name="verification_record",
    ),
]
