"""The e-mails that tell the people who answer them about new applications and join requests:
the country's reviewers about an organisation's application, an organisation's administrators
about a join request. Each in the recipient's language, with no more than a name, a country
and a link (the application's details stay behind the sign-in)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.core.models import Membership, ProgrammeAssignment, User
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.learning.models import JoinRequest, OrganisationApplication


def reviewers_of_country(country_id: int) -> QuerySet[User]:
    """Active accounts that review community applications in the country."""
    reviewer_ids = ProgrammeAssignment.objects.filter(
        role=ProgrammeRole.REVIEWER, countries=country_id
    ).values("user_id")
    return User.objects.filter(pk__in=reviewer_ids, is_active=True).exclude(email="")


def administrators_of(organisation_id: int) -> QuerySet[User]:
    admin_ids = Membership.objects.filter(
        organisation_id=organisation_id, role=OrganisationRole.ORGANISATION_ADMIN
    ).values("user_id")
    return User.objects.filter(Q(pk__in=admin_ids), is_active=True).exclude(email="")


def send_new_application(*, application: OrganisationApplication, site_url: str) -> None:
    """Tell the reviewers of the application's country that it waits for them."""
    context = {
        "name": application.name,
        "country": application.country,
        "link": site_url.rstrip("/") + application.get_absolute_url(),
    }
    for user in reviewers_of_country(application.country_id).order_by("pk"):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context["country"] = str(application.country)
            body = render_to_string("learning/emails/new_application.txt", context)
            subject = _("An organisation applies to join the community: %(name)s") % context
            send_mail(subject, body, None, [user.email])


def send_new_join_request(*, join_request: JoinRequest, site_url: str) -> None:
    """Tell the organisation's administrators that someone asks to join it."""
    context = {
        "organisation": join_request.organisation.name,
        "link": site_url.rstrip("/") + join_request.get_absolute_url(),
    }
    for user in administrators_of(join_request.organisation_id).order_by("pk"):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            body = render_to_string("learning/emails/new_join_request.txt", context)
            subject = _("Someone asks to join %(organisation)s") % context
            send_mail(subject, body, None, [user.email])
