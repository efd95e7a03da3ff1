from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from migralocal.commitments import exports, selectors, services, spam, tokens
from migralocal.commitments.forms import (
    CommitmentFilterForm,
    CommitmentForm,
    DecisionForm,
    FlagForm,
    ProgressUpdateForm,
    SubmissionForm,
)
from migralocal.commitments.loaders import attachment_for, commitment_for
from migralocal.commitments.models import Attachment, Commitment
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored
from migralocal.core.public_cache import public_page

PAGE_SIZE = 20


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@public_page("commitments")
def commitment_list(request: HttpRequest) -> HttpResponse:
    form = CommitmentFilterForm(request.GET or None)
    commitments = selectors.commitment_search(form.filters())
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/commitment_list.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    commitments = selectors.commitment_search(CommitmentFilterForm(request.GET or None).filters())
    response = StreamingHttpResponse(
        exports.csv_lines(commitments, _site_url(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="commitments.csv"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    commitments = selectors.commitment_search(CommitmentFilterForm(request.GET or None).filters())
    response = HttpResponse(
        exports.xlsx_bytes(commitments, _site_url(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="commitments.xlsx"'
    return response


@public_page("commitments")
@permission_required("commitments.view_commitment", load=commitment_for, visitors=True)
def commitment_detail(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    user = request.user
    preview_image = commitment.attachments.filter(
        content_type__in=("image/png", "image/jpeg")
    ).first()
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "updates": selectors.updates_of(commitment),
            "attachments": commitment.attachments.all(),
            "can_edit": user.has_perm("commitments.change_commitment", commitment),
            "can_add_update": user.has_perm("commitments.add_progress_update", commitment),
            "can_moderate": user.has_perm("commitments.moderate_commitment", commitment),
            "can_flag": user.has_perm("commitments.flag_commitment", commitment),
            "page_url": request.build_absolute_uri(commitment.get_absolute_url()),
            "preview_image_url": request.build_absolute_uri(preview_image.get_absolute_url())
            if preview_image
            else "",
        },
    )


@permission_required("commitments.view_attachment", load=attachment_for, visitors=True)
def attachment_download(request: HttpRequest, attachment: Attachment) -> FileResponse:
    """Files are served through the entry's own rule, so hidden entries hide their files too."""
    response = FileResponse(
        attachment.file.open("rb"), content_type=attachment.content_type, filename=attachment.name
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def commitment_submit(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    language = get_language()
    form = SubmissionForm(
        request.POST or None,
        request.FILES or None,
        language=language,
        signed_in=signed_in,
        initial={"organisation": selectors.own_public_organisation(request.user)},
    )
    status = 200
    if request.method == "POST":
        if form.is_spam():
            # Answer a bot as if it had succeeded, so that it learns nothing.
            return redirect("commitments:thanks")
        if not spam.within_rate_limit(
            "submit", spam.client_address(request), limit=spam.SUBMISSIONS_PER_HOUR
        ):
            form.add_error(
                None, _("Too many submissions from your address. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            email = form.cleaned_data.get("email", "")
            if email and not spam.within_rate_limit(
                "submit-email", email, limit=spam.SUBMISSIONS_PER_HOUR
            ):
                form.add_error("email", _("Too many submissions with this e-mail address."))
                status = 429
            else:
                try:
                    commitment = services.commitment_submit(
                        content=form.content(),
                        language=language,
                        submitter=request.user if signed_in else None,
                        email=email,
                        attachments=form.cleaned_data["attachments"],
                        site_url=_site_url(request),
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    if signed_in:
                        messages.success(
                            request,
                            _("Published as not verified. A reviewer will check it soon."),
                        )
                        return redirect(commitment)
                    return redirect("commitments:thanks")
    return render(request, "commitments/commitment_form.html", {"form": form}, status=status)


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "commitments/thanks.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    commitment = tokens.commitment_from_confirmation_token(token)
    if commitment is None:
        return render(request, "commitments/link_invalid.html", status=400)
    if request.method == "POST":
        try:
            commitment = services.commitment_confirm_email(commitment=commitment)
        except ValidationError:
            messages.info(request, _("This submission was already confirmed."))
        else:
            messages.success(
                request, _("Thank you. Your entry is published as not verified until reviewed.")
            )
        if commitment.is_public or request.user.has_perm("commitments.view_commitment", commitment):
            return redirect(commitment)
        return redirect("commitments:list")
    return render(request, "commitments/confirm.html", {"commitment": commitment})


def _edit(request: HttpRequest, commitment: Commitment, *, with_link: bool) -> HttpResponse:
    language = get_language()
    form = CommitmentForm(
        request.POST or None,
        request.FILES or None,
        language=language,
        initial=CommitmentForm.initial_for(commitment, language),
    )
    if request.method == "POST" and form.is_valid():
        was_sent_back = commitment.moderation_state == "changes_requested"
        try:
            services.commitment_update(
                commitment=commitment,
                content=form.content(),
                language=language,
                editor=request.user,
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if was_sent_back:
                messages.success(request, _("Saved and sent back to the reviewers."))
            else:
                messages.success(request, _("Saved."))
            return redirect(commitment)
    decision = commitment.decisions.filter(action="changes_requested").first()
    return render(
        request,
        "commitments/commitment_edit.html",
        {"form": form, "commitment": commitment, "with_link": with_link, "request_": decision},
    )


@permission_required("commitments.change_commitment", load=commitment_for)
def commitment_edit(request: AuthenticatedHttpRequest, commitment: Commitment) -> HttpResponse:
    return _edit(request, commitment, with_link=False)


def edit_with_link(request: HttpRequest, token: str) -> HttpResponse:
    commitment = tokens.commitment_from_edit_token(token)
    if commitment is None:
        return render(request, "commitments/link_invalid.html", status=400)
    return _edit(request, commitment, with_link=True)


@permission_required("commitments.add_progress_update", load=commitment_for)
def progress_update_add(request: AuthenticatedHttpRequest, commitment: Commitment) -> HttpResponse:
    form = ProgressUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_update_add(
                commitment=commitment,
                author=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                language=get_language(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The progress update was added."))
            return redirect(commitment)
    return render(
        request, "commitments/progress_update_form.html", {"form": form, "commitment": commitment}
    )


@permission_required("commitments.flag_commitment", load=commitment_for, visitors=True)
def commitment_flag(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = spam.client_address(request)
        if not spam.within_rate_limit(
            f"flag-{commitment.pk}", address, limit=1, period=24 * 3600
        ) or not spam.within_rate_limit("flag", address, limit=spam.FLAGS_PER_HOUR):
            form.add_error(None, _("You have already reported this entry. Thank you."))
            status = 429
        else:
            try:
                services.commitment_flag(
                    commitment=commitment,
                    reason=form.cleaned_data["reason"],
                    comment=form.cleaned_data["comment"],
                    reporter=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Thank you. A reviewer will look at your report."))
                commitment.refresh_from_db()
                return redirect(commitment if commitment.is_public else "commitments:list")
    return render(
        request,
        "commitments/flag_form.html",
        {"form": form, "commitment": commitment},
        status=status,
    )


@permission_required("commitments.view_moderation_queue")
def moderation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.moderation_queue_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "commitments/moderation_queue.html",
        {"page": page, "waiting": selectors.waiting_for_submitters(request.user)[:50]},
    )


DECISIONS = {
    DecisionForm.VERIFY: lambda c, r, m, s: services.commitment_verify(
        commitment=c, reviewer=r, message=m, site_url=s
    ),
    DecisionForm.REQUEST_CHANGES: lambda c, r, m, s: services.commitment_request_changes(
        commitment=c, reviewer=r, message=m, site_url=s
    ),
    DecisionForm.REJECT: lambda c, r, m, s: services.commitment_reject(
        commitment=c, reviewer=r, reason=m, site_url=s
    ),
    DecisionForm.DISMISS_FLAGS: lambda c, r, m, s: services.commitment_dismiss_flags(
        commitment=c, reviewer=r, message=m
    ),
}


@never_stored
@permission_required("commitments.moderate_commitment", load=commitment_for)
def moderate(request: AuthenticatedHttpRequest, commitment: Commitment) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = DECISIONS[form.cleaned_data["decision"]]
        try:
            decide(commitment, request.user, form.cleaned_data["message"], _site_url(request))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect("commitments:queue")
    return render(
        request,
        "commitments/moderate.html",
        {
            "commitment": commitment,
            "form": form,
            "decisions": commitment.decisions.select_related("actor"),
            "flags": commitment.flags.all(),
            "now": timezone.now(),
        },
    )
