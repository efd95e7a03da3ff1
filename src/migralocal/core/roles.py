"""The roles a person can hold, and which of them are scoped to an organisation or to countries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HUB_STAFF = "hub_staff", _("Hub staff")
    FOCAL_POINT = "focal_point", _("Municipal focal point")
    ORGANISATION_MEMBER = "member", _("Organisation member")
    ORGANISATION_ADMIN = "org_admin", _("Organisation administrator")
    REVIEWER = "reviewer", _("Reviewer")
    TRAINER = "trainer", _("Trainer or facilitator")
    MENTOR = "mentor", _("Mentor")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")


class OrganisationRole(models.TextChoices):
    """Roles held on behalf of one organisation, through a membership."""

    HUB_STAFF = Role.HUB_STAFF.value, Role.HUB_STAFF.label
    FOCAL_POINT = Role.FOCAL_POINT.value, Role.FOCAL_POINT.label
    ORGANISATION_MEMBER = Role.ORGANISATION_MEMBER.value, Role.ORGANISATION_MEMBER.label
    # Approves who joins the organisation and gives them their roles (learning's community).
    ORGANISATION_ADMIN = Role.ORGANISATION_ADMIN.value, Role.ORGANISATION_ADMIN.label


class ProgrammeRole(models.TextChoices):
    """Roles held for a programme, scoped to one or more countries."""

    REVIEWER = Role.REVIEWER.value, Role.REVIEWER.label
    TRAINER = Role.TRAINER.value, Role.TRAINER.label
    MENTOR = Role.MENTOR.value, Role.MENTOR.label
    PROGRAMME_MANAGER = Role.PROGRAMME_MANAGER.value, Role.PROGRAMME_MANAGER.label
