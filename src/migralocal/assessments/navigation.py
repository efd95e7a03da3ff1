from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Assessments"),
        "assessments:assessment_list",
        "assessments.browse_assessments",
        _("Apply, answer the governance diagnostic, review rounds, plan and certify."),
        order=40,
    ),
    NavEntry(
        _("Certified municipalities"),
        "assessments:certified_list",
        description=_("Municipalities that hold the local migration governance seal, by year."),
        order=95,
    ),
]
