"""Who may open every URL of the site and the API: the table the access matrix checks.

HOW TO ADD AN ENTRY (a new URL without one fails `test_access_matrix`):

    "reports:dashboard": Door(ADMIN | {"reviewer", "programme_manager"}),
    "reports:hub": Door(ADMIN | {"hub_staff"}, params={"slug": "own_hub"}),
    "report-detail": Door(ADMIN | {"reviewer"}, params={"pk": "report"}, anonymous=REFUSED),

- The key is the URL name as `reverse()` takes it ("namespace:name"); DRF router routes are
  "<basename>-list" and "<basename>-detail" (their `.json` variants share the entry, unless
  "<name>[format]" has its own).
- `allow`: the roles that get through (role names in `matrix_world.ROLES`). Every other
  signed-in role must be refused (403/404; `refusal=SIGN_IN` where the page sends them to sign
  in, as the admin does); the anonymous visitor, unless allowed, must be sent to sign in
  (`anonymous=REFUSED` where the answer is 401/403/404, as in the API).
- `params`: each path parameter -> a key of `MatrixWorld.values` (add it in `matrix_world.py`:
  a record on the "own" side: the hub of `hub_staff`, the municipality of `focal_point`, the
  countries of `reviewer`…), or "=literal" for a fixed value. `query` fills a query string
  the same way.
- `method="POST"` for POST-only views: they are sent an empty body, which must be refused for
  those not allowed (and may fail validation, 400/200/302, for those allowed).
- The `other_*` roles hold the same role as their counterpart for another organisation or
  country: leave them out of `allow` for anything that is not public, so the test proves that
  one organisation never reads or changes another's records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tests.security.access.matrix_world import ANONYMOUS, ROLES
from tests.security.access.urlwalk import REFUSED, SIGN_IN


@dataclass(frozen=True)
class Door:
    allow: frozenset[str]
    params: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)  # ?name=value, filled like params
    method: str = "GET"
    anonymous: str = SIGN_IN
    refusal: str = REFUSED
    any_answer: bool = False  # the visitor's own account pages: only "no server error" is checked
    # Placeholder ids (the admin's): an allowed role may get a 403/404 for a record that does
    # not exist or a page its admin keeps read-only; only a server error fails for them.
    allowed_may_refuse: bool = False
    # Pages of one record behind a guard that does not look at the record (the admin's) are
    # asked by these roles only; None: by every role.
    record_pages_asked_by: frozenset[str] | None = None
    # Heavy public downloads, the same for everyone: asked by these roles only.
    asked_by: frozenset[str] | None = None


def roles(*names: str) -> frozenset[str]:
    unknown = set(names) - set(ROLES)
    assert not unknown, f"unknown roles in the access table: {unknown}"
    return frozenset(names)


EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
NOBODY: frozenset[str] = frozenset()
ADMIN = roles("admin")
HUB_STAFF_HOLDERS = ADMIN | roles("hub_staff", "other_hub_staff")
OWN_HUB_KEEPERS = ADMIN | roles("hub_staff")
OWN_LISTING_KEEPERS = ADMIN | roles("hub_staff", "reviewer")
ORGANISATION_ROLES = roles(
    "hub_staff", "other_hub_staff", "focal_point", "other_focal_point", "member"
)
# The round of the focal point's municipality, in the reviewer's and programme manager's country.
ROUND_READERS = ADMIN | roles("focal_point", "reviewer", "programme_manager")
ROUND_KEEPERS = ADMIN | roles("focal_point")
ROUND = {"pk": "assessment"}
ROUND_LISTERS = ROUND_READERS | roles("other_focal_point", "other_reviewer")
REGISTRATION = {"pk": "registration"}
SELF_SERVICE = Door(EVERYONE, any_answer=True)
DASHBOARD_READERS = ADMIN | roles("reviewer", "other_reviewer", "programme_manager")
EXPORT = {"pk": "report_export"}
PROGRAMME = {"slug": "programme_private"}
CONTENT_TRANSLATORS = ADMIN | roles("reviewer", "other_reviewer")
CALL = {"pk": "call"}
CALL_MANAGERS = ADMIN | roles("programme_manager")
CASH_PROGRAMME = {"slug": "cash_programme"}
SAMPLE = roles(ANONYMOUS, "admin", "other_hub_staff", "member", "no_role")
PUBLIC_DOWNLOAD = Door(EVERYONE, asked_by=SAMPLE)
OWN_ACCOUNT = Door(SIGNED_IN, any_answer=True)
ENGAGEMENT = {"slug": "engagement"}
ENGAGEMENT_ADVISERS = ADMIN | roles("trainer", "programme_manager")
ENGAGEMENT_READERS = ENGAGEMENT_ADVISERS | roles("focal_point", "reviewer")
DISCUSSION_READERS = SIGNED_IN - roles("no_role")
TOPIC_PROPOSERS = ADMIN | ORGANISATION_ROLES | roles("trainer")


ACCESS: dict[str, Door] = {
    # Languages, favicon -------------------------------------------------------------------
    "set_language": Door(EVERYONE, method="POST"),
    "/favicon.ico": Door(EVERYONE),
    # The installable, offline site (core/offline.py)
    "service_worker": Door(EVERYONE),
    "manifest": Door(EVERYONE),
    # Core ------------------------------------------------------------------------------------
    "core:home": Door(EVERYONE),
    "core:landing": Door(SIGNED_IN),
    "core:my_organisations": Door(ADMIN | roles("focal_point", "other_focal_point", "member")),
    "core:api_token": Door(SIGNED_IN),
    # Following by e-mail (core/following.py): the form, its links and a person's own follows.
    "core:follow": Door(EVERYONE, query={"kind": "follow_kind", "key": "follow_key"}),
    "core:follow_sent": Door(EVERYONE),
    "core:follow_confirm": Door(EVERYONE, params={"token": "follow_confirm_token"}),
    "core:follow_stop": Door(EVERYONE, params={"token": "follow_stop_token"}),
    "core:my_follows": Door(SIGNED_IN),
    "core:my_follow_stop": Door(NOBODY, method="POST", params={"pk": "follow"}),
    # Before a first authenticator: the person's own account pages (core/two_factor_enrolment.py).
    "core:two_factor_enrolment": OWN_ACCOUNT,
    "core:two_factor_enrolment_confirm": Door(SIGNED_IN, any_answer=True, params={"token": "=x"}),
    "core:organisation_list": Door(EVERYONE),
    "core:programme_organisations": Door(
        ADMIN | roles("reviewer", "other_reviewer", "trainer", "mentor", "programme_manager")
    ),
    # A non-public organisation in Honduras: its members and the programme staff there only.
    "core:organisation_detail": Door(
        ADMIN | roles("reviewer", "trainer", "programme_manager"),
        params={"slug": "private_organisation"},
        anonymous=REFUSED,
    ),
    "core:organisation_edit": Door(
        ADMIN | roles("focal_point"), params={"slug": "own_municipality"}
    ),
    # Only on a demo (DEBUG on, no mail server); the tests run as production does: no such page.
    "core:demo_mail": Door(NOBODY, anonymous=REFUSED),
    # Content translation is platform-wide: every reviewer, whatever their countries.
    "core:translation_coverage": Door(CONTENT_TRANSLATORS),
    "core:translation_missing": Door(
        CONTENT_TRANSLATORS, params={"language": "=fr", "module": "=core"}
    ),
    "core:translation_export": Door(
        CONTENT_TRANSLATORS, query={"language": "=fr", "module": "=calls", "format": "=csv"}
    ),
    "core:translation_import": Door(CONTENT_TRANSLATORS),
    # The session-end warning's "stay signed in" and the form kept
    # through a sign-in (core/kept_posts.py): each person's own.
    "core:session_extend": Door(SIGNED_IN, method="POST"),
    "core:kept_post": Door(SIGNED_IN),
    # Directory -------------------------------------------------------------------------------
    "directory:search": Door(EVERYONE),
    "directory:hub_detail": Door(EVERYONE, params={"slug": "own_hub"}),
    "directory:hub_sheet": Door(EVERYONE, params={"slug": "own_hub"}),
    "directory:hub_edit": Door(OWN_LISTING_KEEPERS, params={"slug": "own_hub"}),
    "directory:service_create": Door(OWN_LISTING_KEEPERS, params={"slug": "own_hub"}),
    "directory:service_detail": Door(EVERYONE, params={"pk": "hub_service"}),
    "directory:service_edit": Door(OWN_LISTING_KEEPERS, params={"pk": "hub_service"}),
    "directory:pathway_list": Door(EVERYONE),
    "directory:pathway_detail": Door(EVERYONE, params={"slug": "pathway"}),
    "directory:export": PUBLIC_DOWNLOAD,
    "directory:manage": Door(HUB_STAFF_HOLDERS | roles("reviewer", "other_reviewer")),
    # Anyone reports a problem with a listing; its keepers handle the reports.
    "directory:hub_report": Door(EVERYONE, params={"slug": "own_hub"}),
    "directory:service_report": Door(EVERYONE, params={"pk": "hub_service"}),
    "directory:listing_reports": Door(HUB_STAFF_HOLDERS | roles("reviewer", "other_reviewer")),
    "directory:listing_report_handle": Door(
        OWN_LISTING_KEEPERS, params={"pk": "listing_report"}, method="POST"
    ),
    # Learning --------------------------------------------------------------------------------
    "learning:catalogue": Door(EVERYONE),
    "learning:my_learning": Door(SIGNED_IN),
    "learning:course_detail": Door(EVERYONE, params={"slug": "course"}),
    "learning:course_enrol": Door(SIGNED_IN, params={"slug": "course"}, method="POST"),
    "learning:lesson_detail": Door(SIGNED_IN, params={"slug": "course", "pk": "lesson"}),
    # A learner not enrolled in the course is refused the quiz (the lesson page explains).
    "learning:quiz_take": Door(roles("member"), params={"slug": "course", "pk": "quiz"}),
    "learning:certificate_pdf": Door(
        ADMIN | roles("member", "trainer"), params={"number": "learning_certificate_number"}
    ),
    "learning:certificate_verify": Door(EVERYONE, params={"code": "learning_certificate_code"}),
    "learning:training_progress": Door(ADMIN | roles("trainer", "programme_manager")),
    "learning:self_assessment": Door(
        ADMIN | roles("member"), params={"slug": "member_organisation"}
    ),
    "learning:self_assessment_result": Door(
        ADMIN | roles("member", "trainer", "mentor", "programme_manager"),
        params={"pk": "self_assessment"},
    ),
    "learning:event_list": Door(EVERYONE),
    "learning:event_report": Door(ADMIN | roles("trainer", "programme_manager")),
    "learning:event_create": Door(ADMIN | roles("trainer", "programme_manager")),
    "learning:event_series": Door(EVERYONE, params={"slug": "event_series"}),
    "learning:event_detail": Door(EVERYONE, params={"slug": "event"}),
    "learning:event_attendance": Door(ADMIN | roles("trainer"), params={"slug": "event"}),
    "learning:event_import": Door(ADMIN | roles("trainer"), params={"slug": "event"}),
    "learning:event_qr": Door(ADMIN | roles("trainer"), params={"slug": "event"}),
    "learning:event_self_check_in": Door(
        SIGNED_IN, params={"slug": "event", "code": "event_check_in_code"}
    ),
    "learning:event_figures": Door(
        ADMIN | roles("trainer", "programme_manager"), params={"slug": "event"}
    ),
    "learning:event_agenda": Door(ADMIN | roles("trainer"), params={"slug": "event"}),
    "learning:agenda_session_edit": Door(
        ADMIN | roles("trainer"), params={"slug": "event", "pk": "agenda_session"}
    ),
    "learning:event_calendar": Door(EVERYONE, params={"slug": "event"}),
    "learning:event_questionnaires": Door(ADMIN | roles("trainer"), params={"slug": "event"}),
    "learning:event_questionnaire_results": Door(
        ADMIN | roles("trainer", "programme_manager"), params={"slug": "event"}
    ),
    # Anyone signed in opens it; only a registrant gets the questions.
    "learning:event_questionnaire": Door(
        SIGNED_IN, params={"slug": "event", "kind": "=satisfaction"}
    ),
    # The link in a registrant's e-mail: whoever holds it answers, without an account.
    "learning:event_questionnaire_by_link": Door(
        EVERYONE,
        params={"slug": "event", "kind": "=satisfaction", "token": "event_answer_token"},
    ),
    "learning:mentoring_list": Door(
        ADMIN | ORGANISATION_ROLES | roles("mentor", "programme_manager")
    ),
    "learning:mentoring_start": Door(ADMIN | roles("mentor", "programme_manager")),
    "learning:mentoring_figures": Door(ADMIN | roles("mentor", "programme_manager")),
    "learning:mentoring_detail": Door(
        ADMIN | roles("mentor", "programme_manager"), params={"pk": "mentoring"}
    ),
    "learning:path_detail": Door(EVERYONE, params={"slug": "learning_path"}),
    "learning:mentoring_request_create": Door(
        ADMIN | roles("member"), params={"slug": "member_organisation"}
    ),
    "learning:mentoring_request_list": Door(
        ADMIN | ORGANISATION_ROLES | roles("mentor", "programme_manager")
    ),
    "learning:mentoring_request_detail": Door(
        ADMIN | roles("member", "mentor", "programme_manager"), params={"pk": "mentoring_request"}
    ),
    "learning:community": Door(EVERYONE),
    # Joining: anyone signed in applies; reviewers of the country answer (the application is in
    # Honduras); the member administers the member organisation; others ask to join it.
    "learning:community_apply": Door(SIGNED_IN),
    "learning:community_applications": Door(SIGNED_IN),
    "learning:community_application": Door(
        ADMIN | roles("reviewer"), params={"pk": "community_application"}
    ),
    "learning:community_application_proof": Door(
        ADMIN | roles("reviewer"), params={"pk": "community_application"}
    ),
    "learning:join_request": Door(ADMIN | roles("member"), params={"pk": "join_request"}),
    "learning:organisation_join": Door(
        SIGNED_IN - roles("member"), params={"slug": "member_organisation"}
    ),
    "learning:organisation_members": Door(
        ADMIN | roles("member"), params={"slug": "member_organisation"}
    ),
    "learning:member_roles": Door(
        ADMIN | roles("member"), params={"slug": "member_organisation", "user_id": "member_user"}
    ),
    "learning:community_profile_edit": Door(
        ADMIN | roles("member"), params={"slug": "member_organisation"}
    ),
    # Course authoring: trainers (of the course's country, for one course) and the admin.
    "learning:authoring_courses": Door(ADMIN | roles("trainer")),
    "learning:authoring_course_create": Door(ADMIN | roles("trainer")),
    "learning:authoring_import": Door(ADMIN | roles("trainer")),
    "learning:authoring_course": Door(ADMIN | roles("trainer"), params={"slug": "course"}),
    "learning:authoring_publish": Door(
        ADMIN | roles("trainer"), params={"slug": "course"}, method="POST"
    ),
    "learning:authoring_export": Door(ADMIN | roles("trainer"), params={"slug": "course"}),
    "learning:authoring_move": Door(
        ADMIN | roles("trainer"),
        params={"slug": "course", "kind": "=module", "pk": "course_module"},
        method="POST",
    ),
    "learning:authoring_module_create": Door(ADMIN | roles("trainer"), params={"slug": "course"}),
    "learning:authoring_module": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "course_module"}
    ),
    "learning:authoring_lesson_create": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "course_module"}
    ),
    "learning:authoring_lesson": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "lesson"}
    ),
    "learning:authoring_quiz": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "lesson"}
    ),
    "learning:authoring_question_create": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "lesson"}
    ),
    "learning:authoring_question": Door(
        ADMIN | roles("trainer"), params={"slug": "course", "pk": "quiz_question"}
    ),
    # Discussions: the demo's community space for Mexico is read by everyone who acts for an
    # organisation or works for the programme; its reviewers (and admins) moderate it. Topics for
    # Mexico's next virtual meeting: members of organisations and the trainers of Mexico.
    "learning:discussions": Door(DISCUSSION_READERS),
    "learning:discussion_emails": Door(SIGNED_IN, method="POST"),
    "learning:discussion_queue": Door(ADMIN | roles("reviewer", "other_reviewer")),
    "learning:discussion_space": Door(DISCUSSION_READERS, params={"slug": "discussion_space"}),
    "learning:discussion_thread": Door(DISCUSSION_READERS, params={"pk": "discussion_thread"}),
    "learning:discussion_thread_lock": Door(
        ADMIN | roles("reviewer"), params={"pk": "discussion_thread"}, method="POST"
    ),
    # The member wrote the post: one does not report one's own.
    "learning:discussion_post_report": Door(
        DISCUSSION_READERS - roles("member"), params={"pk": "discussion_post"}
    ),
    "learning:discussion_post_moderate": Door(
        ADMIN | roles("reviewer"), params={"pk": "discussion_post"}, method="POST"
    ),
    "learning:discussion_attachment": Door(
        DISCUSSION_READERS, params={"pk": "discussion_attachment"}
    ),
    "learning:meeting_topics": Door(TOPIC_PROPOSERS, params={"slug": "meeting"}),
    "learning:meeting_topic_vote": Door(
        TOPIC_PROPOSERS, params={"pk": "meeting_topic"}, method="POST"
    ),
    "learning:meeting_topic_ranking": Door(ADMIN | roles("trainer"), params={"slug": "meeting"}),
    # Consultations: the hub's staff; identifying details for the hub's staff alone ------------
    "consultations:home": Door(HUB_STAFF_HOLDERS),
    "consultations:record": Door(HUB_STAFF_HOLDERS),
    "consultations:offline_record": Door(HUB_STAFF_HOLDERS),
    "consultations:offline_sync": Door(HUB_STAFF_HOLDERS, method="POST"),
    "consultations:service_search": Door(OWN_HUB_KEEPERS, query={"hub": "own_hub_pk"}),
    "consultations:service_chosen": Door(HUB_STAFF_HOLDERS, params={"pk": "hub_service"}),
    "consultations:detail": Door(OWN_HUB_KEEPERS, params={"pk": "consultation"}),
    "consultations:identity": Door(roles("hub_staff"), params={"pk": "consultation"}),
    "consultations:referral_edit": Door(OWN_HUB_KEEPERS, params={"pk": "referral"}, method="POST"),
    # Referrals another organisation's hub made to a service of hub_staff's organisation.
    "consultations:incoming": Door(HUB_STAFF_HOLDERS),
    "consultations:referral_respond": Door(
        OWN_HUB_KEEPERS, params={"pk": "incoming_referral"}, method="POST"
    ),
    # What the person agreed to share with that service: its staff alone, not platform admins.
    "consultations:shared_identity": Door(roles("hub_staff"), params={"pk": "incoming_referral"}),
    "consultations:hub": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    "consultations:follow_ups": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    "consultations:hub_dashboard": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    "consultations:xlsform": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    "consultations:upload": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    # Pulling from KoboToolbox or ODK Central: whoever may upload the hub's exports.
    "consultations:field_data_connection": Door(OWN_HUB_KEEPERS, params={"slug": "own_hub"}),
    "consultations:field_data_pull": Door(
        OWN_HUB_KEEPERS, params={"slug": "own_hub"}, method="POST"
    ),
    "consultations:upload_detail": Door(OWN_HUB_KEEPERS, params={"pk": "submission_import"}),
    "consultations:upload_progress": Door(OWN_HUB_KEEPERS, params={"pk": "submission_import"}),
    # Focal points read their own municipality's figures there, protected.
    "consultations:area_dashboard": Door(
        ADMIN
        | roles("reviewer", "other_reviewer", "programme_manager")
        | roles("focal_point", "other_focal_point")
    ),
    # Assessments: the municipality's focal point, reviewers and managers of its country -----
    "assessments:assessment_list": Door(
        ADMIN
        | roles("focal_point", "other_focal_point", "reviewer", "other_reviewer")
        | roles("programme_manager")
    ),
    "assessments:apply": Door(ADMIN | roles("focal_point"), params={"slug": "own_municipality"}),
    "assessments:assessment_detail": Door(ROUND_READERS, params=ROUND),
    "assessments:application_letter": Door(ROUND_READERS, params=ROUND),
    # Who may take each step is the service's rule; "certify" is the reviewer's.
    "assessments:transition": Door(
        ADMIN | roles("reviewer"), params={"pk": "assessment", "name": "=certify"}, method="POST"
    ),
    "assessments:training": Door(ROUND_READERS, params=ROUND),
    "assessments:section": Door(
        ROUND_READERS, params={"pk": "assessment", "code": "assessment_section"}
    ),
    "assessments:answer_save": Door(
        ROUND_KEEPERS,
        params={"pk": "assessment", "question_pk": "assessment_question"},
        method="POST",
    ),
    "assessments:comment_add": Door(
        ADMIN | roles("reviewer"),
        params={"pk": "assessment", "question_pk": "assessment_question"},
        method="POST",
    ),
    "assessments:evidence_download": Door(ROUND_READERS, params={"pk": "assessment_evidence"}),
    "assessments:evidence_remove": Door(
        ROUND_KEEPERS, params={"pk": "assessment_evidence"}, method="POST"
    ),
    "assessments:results": Door(ROUND_READERS, params=ROUND),
    "assessments:workshop": Door(ROUND_READERS, params=ROUND),
    "assessments:priorities": Door(ROUND_READERS, params=ROUND),
    "assessments:work_plan": Door(ROUND_READERS, params=ROUND),
    "assessments:work_plan_xlsx": Door(ROUND_READERS, params=ROUND),
    "assessments:progress_report": Door(
        ROUND_KEEPERS,
        params={"pk": "assessment", "action_pk": "assessment_action"},
        method="POST",
    ),
    "assessments:renew": Door(ROUND_KEEPERS, params=ROUND, method="POST"),
    "assessments:certificate_pdf": Door(ROUND_READERS, params=ROUND),
    "assessments:verify": Door(EVERYONE, params={"code": "assessment_certificate_code"}),
    "assessments:certified_list": Door(EVERYONE),
    "assessments:public_summary": Door(EVERYONE, params={"slug": "own_municipality"}),
    # Commitments: an unpublished entry of the member's organisation, and a published one -----
    "commitments:list": Door(EVERYONE),
    "commitments:feed": Door(EVERYONE),
    "commitments:export_csv": Door(EVERYONE),
    "commitments:export_xlsx": Door(EVERYONE),
    "commitments:submit": Door(EVERYONE),
    "commitments:thanks": Door(EVERYONE),
    # Whoever holds the link the submitter was sent may confirm or edit: the link is the key.
    "commitments:confirm": Door(EVERYONE, params={"token": "commitment_confirm_token"}),
    "commitments:edit_with_link": Door(EVERYONE, params={"token": "commitment_edit_token"}),
    "commitments:queue": Door(ADMIN | roles("reviewer", "other_reviewer")),
    "commitments:moderate": Door(ADMIN | roles("reviewer"), params={"slug": "commitment_private"}),
    "commitments:attachment": Door(
        ADMIN | roles("member", "reviewer"),
        params={"pk": "commitment_attachment"},
        anonymous=REFUSED,
    ),
    "commitments:detail": Door(
        ADMIN | roles("member", "reviewer"),
        params={"slug": "commitment_private"},
        anonymous=REFUSED,
    ),
    "commitments:edit": Door(ADMIN | roles("member"), params={"slug": "commitment_private"}),
    "commitments:add_update": Door(ADMIN | roles("member"), params={"slug": "commitment_private"}),
    "commitments:flag": Door(EVERYONE, params={"slug": "commitment_public"}),
    # Reports: the dashboard for programme roles (each sees their own countries), the public
    # figures for all, and an export only for the person who asked for it ------------------------
    # Focal points open it for their own municipality's figures, protected.
    "reports:dashboard": Door(DASHBOARD_READERS | roles("focal_point", "other_focal_point")),
    "reports:public": Door(EVERYONE),
    "reports:export_detail": Door(roles("programme_manager"), params=EXPORT),
    "reports:export_progress": Door(roles("programme_manager"), params=EXPORT),
    "reports:export_download": Door(roles("programme_manager"), params=EXPORT),
    "reports:export_retry": Door(roles("programme_manager"), params=EXPORT, method="POST"),
    "reports-dashboard-list": Door(DASHBOARD_READERS, anonymous=REFUSED),
    # Programmes: public ones for all; a private one, its edit and what belongs to it for the
    # platform admins and the programme's own managers; new programmes for admins ------------
    "programmes:list": Door(EVERYONE),
    "programmes:create": Door(ADMIN),
    "programmes:detail": Door(
        ADMIN | roles("programme_manager"), params=PROGRAMME, anonymous=REFUSED
    ),
    "programmes:edit": Door(ADMIN | roles("programme_manager"), params=PROGRAMME),
    "programmes:activities": Door(ADMIN | roles("programme_manager"), params=PROGRAMME),
    # A private programme's IATI file: whoever reads the programme (public ones: everyone).
    "programmes:iati": Door(
        ADMIN | roles("programme_manager"), params=PROGRAMME, anonymous=REFUSED
    ),
    # Its results: read like the programme; its framework kept by the same people.
    "programmes:results": Door(
        ADMIN | roles("programme_manager"), params=PROGRAMME, anonymous=REFUSED
    ),
    "programmes:results_framework": Door(ADMIN | roles("programme_manager"), params=PROGRAMME),
    "programmes:results_new": Door(
        ADMIN | roles("programme_manager"),
        params={**PROGRAMME, "kind": "=output"},
        query={"parent": "programme_outcome"},
    ),
    "programmes:results_edit": Door(
        ADMIN | roles("programme_manager"),
        params={**PROGRAMME, "kind": "=indicator", "pk": "programme_indicator"},
    ),
    "programmes:results_delete": Door(
        ADMIN | roles("programme_manager"),
        params={**PROGRAMME, "kind": "=actual", "pk": "programme_actual"},
        method="POST",
        # The first allowed role removes it: the next finds it gone.
        allowed_may_refuse=True,
    ),
    "programmes:results_indicator": Door(
        ADMIN | roles("programme_manager"),
        params={**PROGRAMME, "pk": "programme_indicator"},
    ),
    # The actual has no file: those allowed get a 404.
    "programmes:results_evidence": Door(
        ADMIN | roles("programme_manager"),
        params={**PROGRAMME, "pk": "programme_actual"},
        allowed_may_refuse=True,
    ),
    # Calls: read with their (public) programme; its managers open, edit and decide; focal
    # points apply; the cohort for the managers and the reviewers of its countries ----------
    "calls:list": Door(EVERYONE),
    "calls:create": Door(CALL_MANAGERS, params={"slug": "programme_with_call"}),
    "calls:detail": Door(EVERYONE, params=CALL),
    "calls:edit": Door(CALL_MANAGERS, params=CALL),
    "calls:apply": Door(ADMIN | roles("focal_point", "other_focal_point"), params=CALL),
    "calls:applications": Door(CALL_MANAGERS, params=CALL),
    "calls:cohort": Door(CALL_MANAGERS | roles("reviewer"), params=CALL),
    "calls:decide": Door(
        CALL_MANAGERS,
        params={"pk": "call_application", "decision": "=accept"},
        method="POST",
    ),
    # Technical assistance: an engagement with the focal point's municipality in the private
    # programme, advised by the trainer, answered by the focal point; the programme manager and
    # the reviewer of its country read it; its adopted recommendations are published ----------
    "advisory:list": Door(SIGNED_IN),
    "advisory:create": Door(ADMIN | roles("programme_manager")),
    "advisory:detail": Door(ENGAGEMENT_READERS, params=ENGAGEMENT),
    "advisory:edit": Door(ADMIN | roles("programme_manager"), params=ENGAGEMENT),
    "advisory:publication": Door(ADMIN | roles("focal_point"), params=ENGAGEMENT, method="POST"),
    "advisory:document_add": Door(ENGAGEMENT_ADVISERS, params=ENGAGEMENT, method="POST"),
    "advisory:document": Door(ENGAGEMENT_READERS, params={"pk": "engagement_document"}),
    "advisory:instrument_create": Door(ENGAGEMENT_ADVISERS, params=ENGAGEMENT),
    "advisory:instrument": Door(ENGAGEMENT_READERS, params={"pk": "instrument"}),
    "advisory:instrument_edit": Door(ENGAGEMENT_ADVISERS, params={"pk": "instrument"}),
    "advisory:recommendation_edit": Door(ENGAGEMENT_ADVISERS, params={"pk": "recommendation"}),
    "advisory:version_add": Door(ENGAGEMENT_ADVISERS, params={"pk": "instrument"}, method="POST"),
    "advisory:round_add": Door(ENGAGEMENT_ADVISERS, params={"pk": "instrument"}, method="POST"),
    "advisory:version": Door(ENGAGEMENT_READERS, params={"pk": "instrument_version"}),
    "advisory:round_send": Door(ENGAGEMENT_ADVISERS, params={"pk": "review_round"}, method="POST"),
    "advisory:recommendation_create": Door(ENGAGEMENT_ADVISERS, params={"pk": "review_round"}),
    "advisory:recommendation_respond": Door(
        ADMIN | roles("focal_point"), params={"pk": "recommendation"}
    ),
    "advisory:recommendations": Door(ENGAGEMENT_READERS, params=ENGAGEMENT),
    "advisory:plan": Door(ENGAGEMENT_READERS, params=ENGAGEMENT),
    "advisory:activity_create": Door(ENGAGEMENT_ADVISERS, params=ENGAGEMENT),
    "advisory:activity_edit": Door(ENGAGEMENT_ADVISERS, params={"pk": "plan_activity"}),
    # The advisor and the counterpart make a recommendation an action of the work plan.
    "advisory:recommendation_action": Door(
        ADMIN | roles("trainer", "focal_point"), params={"pk": "recommendation"}
    ),
    "advisory:recommendations_export": Door(ENGAGEMENT_READERS, params=ENGAGEMENT),
    "advisory:summary_pdf": Door(ENGAGEMENT_READERS, params=ENGAGEMENT),
    "advisory:public": Door(EVERYONE, params=ENGAGEMENT),
    # Cash assistance: the operator's assistance staff (hub_staff is an assistance officer of its
    # municipality, other_hub_staff of another operator); platform admins see programmes and
    # households by reference, never names, so they do not reach import and review -----------
    "assistance:list": Door(ADMIN | roles("hub_staff", "other_hub_staff")),
    "assistance:template": Door(EVERYONE),
    "assistance:create": Door(ADMIN),
    "assistance:detail": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    # The programme's assistance manager edits it too (no matrix role is one).
    "assistance:edit": Door(ADMIN, params=CASH_PROGRAMME),
    "assistance:household_create": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:households": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:household": Door(
        ADMIN | roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_household"}
    ),
    "assistance:import": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:duplicates": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:decide": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_pair"}, method="POST"
    ),
    # Grievances: anyone raises one and follows it by reference and secret; the operator's
    # assistance staff and grievance focal points handle them (not platform admins: they hold
    # what people wrote and how to reach them).
    "assistance:grievance_public": Door(EVERYONE, params=CASH_PROGRAMME),
    "assistance:grievance_status": Door(EVERYONE),
    "assistance:grievances": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:grievance_create": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:grievance": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_grievance"}
    ),
    # Referrals from a hub's consultation, completed by the programme's staff.
    "assistance:refer_consultation": Door(OWN_HUB_KEEPERS, params={"pk": "consultation"}),
    "assistance:pending": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:pending_detail": Door(
        ADMIN | roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_pending"}
    ),
    # KoboToolbox or ODK: the programme's XLSForm, and the import of its exports.
    "assistance:xlsform": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:kobo_import": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    # Targeting and payments: hub_staff is also the operator's approver and finance officer.
    # Scores, ranks and totals carry no names (admins read them); approving, enrolling and
    # paying are the operator's own decisions; the export has names.
    "assistance:targeting": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:assess": Door(roles("hub_staff"), params=CASH_PROGRAMME, method="POST"),
    "assistance:approve": Door(roles("hub_staff"), params=CASH_PROGRAMME, method="POST"),
    "assistance:enrol": Door(roles("hub_staff"), params=CASH_PROGRAMME, method="POST"),
    "assistance:payments": Door(ADMIN | roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:provider_create": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:cycle_create": Door(roles("hub_staff"), params=CASH_PROGRAMME),
    "assistance:payment_list_create": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_cycle"}
    ),
    "assistance:payment_list": Door(
        ADMIN | roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_payment_list"}
    ),
    "assistance:reconcile": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_payment_list"}, method="POST"
    ),
    "assistance:payment_export": Door(
        roles("hub_staff"),
        params={**CASH_PROGRAMME, "pk": "cash_payment_list", "file_format": "=xlsx"},
    ),
    # Payment verification: rates and references for whoever reads the payments (names only
    # for the staff); finance officers draw; the call's page names the head and shows a phone.
    "assistance:verification": Door(
        ADMIN | roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_cycle"}
    ),
    "assistance:verification_export": Door(
        ADMIN | roles("hub_staff"),
        params={**CASH_PROGRAMME, "pk": "cash_cycle", "file_format": "=csv"},
    ),
    "assistance:verification_draw": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_cycle"}
    ),
    "assistance:verification_record": Door(
        roles("hub_staff"), params={**CASH_PROGRAMME, "pk": "cash_verification"}
    ),
    "reports-public-list": Door(EVERYONE),
    # API: open reads; what each requester may see is decided by the queryset -----------------
    # The API root lists no permission, so RulesPermission closes it; the schema and its
    # documentation describe the API instead.
    "api-root": Door(NOBODY, anonymous=REFUSED),
    "api-schema": PUBLIC_DOWNLOAD,
    "api-docs": Door(EVERYONE),
    "country-list": Door(EVERYONE),
    "country-detail": Door(EVERYONE, params={"pk": "own_country_pk"}),
    "area-list": Door(EVERYONE),
    "area-detail": Door(EVERYONE, params={"pk": "own_area_pk"}),
    "taxonomy-list": Door(EVERYONE),
    "taxonomy-detail": Door(EVERYONE, params={"code": "=areas-of-work"}),
    "taxonomy-term-list": Door(EVERYONE),
    "taxonomy-term-detail": Door(EVERYONE, params={"pk": "=1"}),
    "organisation-list": Door(EVERYONE),
    "organisation-detail": Door(
        ADMIN | roles("reviewer", "trainer", "programme_manager"),
        params={"slug": "private_organisation"},
        anonymous=REFUSED,
    ),
    "commitment-list": Door(EVERYONE),
    # The API serves published entries only, to everyone alike.
    "commitment-detail": Door(NOBODY, params={"slug": "commitment_private"}, anonymous=REFUSED),
    "service-list": Door(EVERYONE),
    "service-detail": Door(EVERYONE, params={"pk": "hub_service"}),
    "hub-list": Door(EVERYONE),
    "hub-detail": Door(EVERYONE, params={"slug": "own_hub"}),
    "pathway-list": Door(EVERYONE),
    "pathway-detail": Door(EVERYONE, params={"slug": "pathway"}),
    "certified-municipality-list": Door(EVERYONE),
    "certified-municipality-detail": Door(
        EVERYONE, params={"number": "assessment_certificate_number"}
    ),
    # Each reader lists the rounds of their own municipality or countries (an empty page for
    # the other_* roles); one round is read as on its page.
    "assessment-list": Door(ROUND_LISTERS, anonymous=REFUSED),
    "assessment-detail": Door(ROUND_READERS, params=ROUND, anonymous=REFUSED),
    "course-list": Door(EVERYONE),
    "course-detail": Door(EVERYONE, params={"slug": "course"}),
    "event-list": Door(EVERYONE),
    "event-detail": Door(EVERYONE, params={"slug": "event"}),
    # Everyone signed in lists their own registrations; trainers those of their countries.
    # Technical assistance: each signed-in person lists what they take part in (an empty page
    # for the others); one engagement or recommendation is read as on its page.
    "engagement-list": Door(SIGNED_IN, anonymous=REFUSED),
    "engagement-detail": Door(ENGAGEMENT_READERS, params=ENGAGEMENT, anonymous=REFUSED),
    "advisory-recommendation-list": Door(SIGNED_IN, anonymous=REFUSED),
    "advisory-recommendation-detail": Door(
        ENGAGEMENT_READERS, params={"pk": "recommendation"}, anonymous=REFUSED
    ),
    # Calls are read with their (public) programme; each signed-in person lists the applications
    # they decide or the cohorts they review (an empty page for the others); the waiting
    # application is read by those who decide it.
    "call-list": Door(EVERYONE),
    "call-detail": Door(EVERYONE, params=CALL),
    "call-application-list": Door(SIGNED_IN, anonymous=REFUSED),
    "call-application-detail": Door(
        CALL_MANAGERS, params={"pk": "call_application"}, anonymous=REFUSED
    ),
    # Only the government's counterpart answers; the other readers are refused (403).
    "advisory-recommendation-respond": Door(
        ADMIN | roles("focal_point"),
        params={"pk": "recommendation"},
        method="POST",
        anonymous=REFUSED,
    ),
    # Cash assistance: each signed-in person lists the programmes they work on (an empty page
    # for the others); one programme and its protected figures for its operator's staff.
    "cash-programme-list": Door(SIGNED_IN, anonymous=REFUSED),
    "cash-programme-detail": Door(
        ADMIN | roles("hub_staff"), params=CASH_PROGRAMME, anonymous=REFUSED
    ),
    "cash-programme-figures": Door(
        ADMIN | roles("hub_staff"), params=CASH_PROGRAMME, anonymous=REFUSED
    ),
    "event-registration-list": Door(SIGNED_IN, anonymous=REFUSED),
    "event-registration-detail": Door(
        ADMIN | roles("member", "trainer"), params=REGISTRATION, anonymous=REFUSED
    ),
    "event-registration-check-in": Door(
        ADMIN | roles("trainer"), params=REGISTRATION, method="POST", anonymous=REFUSED
    ),
    # Consultations: the staff of each hub list their own hubs' records and read only those.
    "consultation-list": Door(HUB_STAFF_HOLDERS, anonymous=REFUSED),
    "consultation-detail": Door(OWN_HUB_KEEPERS, params={"pk": "consultation"}, anonymous=REFUSED),
    "referral-list": Door(HUB_STAFF_HOLDERS, anonymous=REFUSED),
    "referral-detail": Door(OWN_HUB_KEEPERS, params={"pk": "referral"}, anonymous=REFUSED),
    "hsds-export-list": PUBLIC_DOWNLOAD,
    "hsds-export-list[format]": Door(NOBODY, anonymous=REFUSED),  # the export is a zip only
    # Admin: platform admins only; everyone else is sent to the admin's sign-in ----------------
    # The admin signs in through allauth's form (which asks for the authenticator code): visitors
    # are sent there, and signed-in people who are not admins are refused.
    "admin:login": Door(ADMIN),
    "admin:logout": Door(EVERYONE, method="POST", any_answer=True),
    "admin:app_list": Door(
        ADMIN, params={"app_label": "=core"}, refusal=SIGN_IN, anonymous=SIGN_IN
    ),
    # Accounts (allauth): the visitor's own sign-in, sign-up and security pages ----------------
    "account_login": SELF_SERVICE,
    "account_logout": SELF_SERVICE,
    "account_inactive": SELF_SERVICE,
    "account_signup": SELF_SERVICE,
    "account_reauthenticate": SELF_SERVICE,
    # Reauthentication by a code sent by email (allauth 65.21 and later): the person's own.
    "account_request_reauthentication_code": SELF_SERVICE,
    "account_confirm_reauthentication_code": SELF_SERVICE,
    "account_email": OWN_ACCOUNT,
    "account_email_verification_sent": SELF_SERVICE,
    "account_change_password": OWN_ACCOUNT,
    "account_set_password": OWN_ACCOUNT,
    "account_reset_password": SELF_SERVICE,
    "account_confirm_login_code": SELF_SERVICE,
    "account_confirm_email": Door(EVERYONE, params={"key": "=bad-key"}, any_answer=True),
    "account_reset_password_from_key_done": SELF_SERVICE,
    "account_reset_password_from_key": Door(
        EVERYONE, params={"uidb36": "=zz", "key": "=bad-key"}, any_answer=True
    ),
    "account_reset_password_done": SELF_SERVICE,
    "mfa_index": OWN_ACCOUNT,
    "mfa_authenticate": SELF_SERVICE,
    "mfa_reauthenticate": OWN_ACCOUNT,
    "mfa_activate_totp": OWN_ACCOUNT,
    "mfa_deactivate_totp": OWN_ACCOUNT,
    "mfa_view_recovery_codes": OWN_ACCOUNT,
    "mfa_generate_recovery_codes": OWN_ACCOUNT,
    "mfa_download_recovery_codes": OWN_ACCOUNT,
}

# Whole namespaces behind one guard. The admin wraps every view in `admin_view`: each of its
# ~400 patterns is requested (with placeholder ids, "0") and must send everyone but platform
# admins to sign in: lists and add pages by every role, pages of one record by a sample of
# roles, since the guard does not look at the record. A new model in the admin needs no entry.
NAMESPACES: dict[str, Door] = {
    "admin": Door(
        ADMIN,
        refusal=SIGN_IN,
        allowed_may_refuse=True,
        record_pages_asked_by=frozenset({ANONYMOUS, "admin", "programme_manager", "no_role"}),
    ),
}


def door_for(name: str, test_id: str = "") -> Door | None:
    """The entry for a pattern: by its test id first (a `.json` variant may differ), then by
    its name, then by its namespace."""
    for key in (test_id, name):
        if key in ACCESS:
            return ACCESS[key]
    namespace = name.split(":", 1)[0] if ":" in name else ""
    return NAMESPACES.get(namespace)
