"""Every write of the assessment cycle, with its rule: who may do it, and in which stage.

The cycle is a state machine over `Assessment.stage`:

    applied → training → self_assessment → submitted → validated → workshop → prioritised
       ↘ declined               ↖ returned ↙                      plan_submitted → monitoring
                                                                  ↖ (returned)  ↙       ↓
                                                                                   certified
A renewal is a new round that starts at self_assessment after a certified one.
Each function checks the permission of `user` and the stage, then writes in one transaction.

One module per part of the cycle: `frameworks`, `application` (and training),
`self_assessment`, `review`, `workshop` (and prioritisation), `work_plan` (and monitoring),
`certification` (and renewal); `_common` holds the stage checks they share, and
`core.permissions.require` the permission. Callers use this package:
`services.answer_save(...)`.
"""

from migralocal.assessments.services._common import TransitionRefused
from migralocal.assessments.services.application import (
    TRAINING_MODULES,
    application_accept,
    application_decline,
    application_submit,
    cohort_round_start,
    official_record,
    training_completed,
    training_confirm,
)
from migralocal.assessments.services.certification import (
    DEFAULT_CONDITIONS,
    certificate_award,
    renewal_start,
    unmet_conditions,
)
from migralocal.assessments.services.frameworks import (
    current_framework,
    framework_load,
    framework_publish,
)
from migralocal.assessments.services.review import (
    assessment_return,
    assessment_validate,
    review_comment_add,
)
from migralocal.assessments.services.self_assessment import (
    AnswerConflict,
    answer_save,
    assessment_submit,
    evidence_add,
    evidence_remove,
    missing_for_submission,
)
from migralocal.assessments.services.work_plan import (
    action_save,
    progress_report,
    work_plan_approve,
    work_plan_return,
    work_plan_submit,
)
from migralocal.assessments.services.workshop import (
    areas_with_potential,
    participant_ratings_record,
    priorities_select,
    priority_rate,
    workshop_record,
)

__all__ = [
    "DEFAULT_CONDITIONS",
    "TRAINING_MODULES",
    "AnswerConflict",
    "TransitionRefused",
    "action_save",
    "answer_save",
    "application_accept",
    "application_decline",
    "application_submit",
    "areas_with_potential",
    "assessment_return",
    "assessment_submit",
    "assessment_validate",
    "certificate_award",
    "cohort_round_start",
    "current_framework",
    "evidence_add",
    "evidence_remove",
    "framework_load",
    "framework_publish",
    "missing_for_submission",
    "official_record",
    "participant_ratings_record",
    "priorities_select",
    "priority_rate",
    "progress_report",
    "renewal_start",
    "review_comment_add",
    "training_completed",
    "training_confirm",
    "unmet_conditions",
    "work_plan_approve",
    "work_plan_return",
    "work_plan_submit",
    "workshop_record",
]
