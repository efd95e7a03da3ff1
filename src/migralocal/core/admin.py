from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from migralocal.core import models as core_models
from migralocal.core import two_factor_enrolment
from migralocal.core.uploads import IMAGE_EXTENSIONS, with_content_check


class MembershipInline(admin.TabularInline):
    model = core_models.Membership
    extra = 0
    autocomplete_fields = ("organisation",)


class ProgrammeAssignmentInline(admin.TabularInline):
    model = core_models.ProgrammeAssignment
    extra = 0
    filter_horizontal = ("countries",)


@admin.register(core_models.User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active", "is_superuser")
    search_fields = ("email", "first_name", "last_name")
    inlines = (MembershipInline, ProgrammeAssignmentInline)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "password_changed_at")}),
    )
    readonly_fields = ("password_changed_at",)
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ("generate_two_factor_enrolment_code",)

    @admin.action(description=_("Generate a two-factor enrolment code"))
    def generate_two_factor_enrolment_code(self, request, queryset):
        """A one-time code that lets the person set up their first authenticator app, for when
        the e-mailed link cannot reach them. Shown here once; only its hash is kept."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one person to generate a code for."), messages.ERROR
            )
            return
        user = queryset.get()
        code = two_factor_enrolment.create_admin_code(user, by=request.user)
        self.message_user(
            request,
            _(
                "Enrolment code for %(email)s: %(code)s. Give it to the person in person or by "
                "phone, not by e-mail; it works once, within %(hours)s hours, and is not shown "
                "again."
            )
            % {
                "email": user.email,
                "code": code,
                "hours": int(two_factor_enrolment.code_lifetime().total_seconds() // 3600),
            },
            messages.SUCCESS,
        )


class ReferenceDataAdmin(admin.ModelAdmin):
    """Places and taxonomies: shared by every module, changed only by those the rule allows."""

    def has_module_permission(self, request):
        return request.user.has_perm("core.manage_reference_data")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.manage_reference_data")

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(core_models.Country)
class CountryAdmin(TranslatableAdmin, ReferenceDataAdmin):
    list_display = ("code", "__str__", "iso3")
    search_fields = ("code", "iso3", "translations__name")


@admin.register(core_models.AdministrativeArea)
class AdministrativeAreaAdmin(ReferenceDataAdmin):
    list_display = ("name", "level", "code", "country", "parent")
    list_filter = ("level", "country")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)


class TaxonomyTermInline(admin.TabularInline):
    model = core_models.TaxonomyTerm
    fields = ("code", "position", "parent")
    extra = 0
    show_change_link = True


@admin.register(core_models.Taxonomy)
class TaxonomyAdmin(TranslatableAdmin, ReferenceDataAdmin):
    list_display = ("code", "__str__")
    inlines = (TaxonomyTermInline,)


@admin.register(core_models.TaxonomyTerm)
class TaxonomyTermAdmin(TranslatableAdmin, ReferenceDataAdmin):
    list_display = ("__str__", "code", "taxonomy", "position")
    list_filter = ("taxonomy",)
    search_fields = ("code", "translations__label")


@admin.register(core_models.Organisation)
class OrganisationAdmin(TranslatableAdmin):
    list_display = ("name", "kind", "country", "municipality", "is_public")
    list_filter = ("kind", "country", "is_public")
    search_fields = ("name", "acronym", "slug")
    autocomplete_fields = ("municipality",)
    filter_horizontal = ("areas_of_work",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("name",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "logo":
            return with_content_check(field, IMAGE_EXTENSIONS)
        return field


@admin.register(core_models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "organisation__name")
    autocomplete_fields = ("user", "organisation")


@admin.register(core_models.ProgrammeAssignment)
class ProgrammeAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role")
    list_filter = ("role", "countries")
    filter_horizontal = ("countries",)
    autocomplete_fields = ("user",)


@admin.register(core_models.AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: an access log that can be edited proves nothing."""

    list_display = ("accessed_at", "user_email", "content_type", "object_repr", "reason")
    list_filter = ("content_type",)
    search_fields = ("user_email", "object_repr", "reason")

    def has_module_permission(self, request):
        return request.user.has_perm("core.view_access_log")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.view_access_log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AccountRecordAdmin(admin.ModelAdmin):
    """Records the platform keeps about an account's security: seen and deleted, never made or
    edited by hand."""

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(core_models.ApiToken)
class ApiTokenAdmin(AccountRecordAdmin):
    """Tokens can be seen and revoked (deleted), never made or read: only a digest is kept."""

    list_display = ("prefix", "user", "created_at", "last_used_at", "is_working")
    search_fields = ("user__email", "prefix")
    fields = ("user", "prefix", "created_at", "last_used_at", "is_working")
    readonly_fields = fields

    @admin.display(description=_("working"), boolean=True)
    def is_working(self, token):
        return token.is_current() and token.user.is_active


@admin.register(core_models.AuthenticatorLockout)
class AuthenticatorLockoutAdmin(AccountRecordAdmin):
    """Wrong authenticator codes per account; deleting an entry lifts the account's lock."""

    list_display = ("email", "failures", "counting_since", "locked_until")
    search_fields = ("user__email",)
    readonly_fields = ("user", "failures", "counting_since", "locked_until")


@admin.register(core_models.TwoFactorEnrolmentPass)
class TwoFactorEnrolmentPassAdmin(AccountRecordAdmin):
    """Links and codes given for a first authenticator: who, how, when used. Codes are made
    from the user list (action *Generate a two-factor enrolment code*)."""

    list_display = ("email", "kind", "created_by", "created_at", "expires_at", "used_at")
    list_filter = ("kind",)
    search_fields = ("user__email",)
    readonly_fields = ("user", "kind", "created_by", "created_at", "expires_at", "used_at")


@admin.register(core_models.TranslationImport)
class TranslationImportAdmin(admin.ModelAdmin):
    """Read-only: the record of each import of translated content (core/content_translation*)."""

    list_display = (
        "created_at",
        "actor",
        "language",
        "file_format",
        "created_count",
        "replaced_count",
        "skipped_count",
    )
    list_filter = ("language", "file_format", "replace_existing")
    list_select_related = ("actor",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
