"""The roles of the academy as Wagtail groups, and what each may do.

Model permissions are "app_label.codename"; page permissions are Wagtail's page
permission types, granted on the catalogue page and so on every track, package and
course below it.
"""

from dataclasses import dataclass

STEERING_GROUP = "Stuurgroep"
TRAINERS = "Lesgevers"
STAFF = "Academiemedewerkers"
PARTNER_CONTACTS = "Partnercontacten"

WORKFLOW_NAME = "Goedkeuring door de stuurgroep"
APPROVAL_TASK_NAME = "Goedkeuring door de stuurgroep"

ADMIN_ACCESS = "wagtailadmin.access_admin"
REFERENCE_DATA = ("partnerorganisation", "theme", "venue", "programmeyear", "trainer")


@dataclass(frozen=True)
class Role:
    model_permissions: tuple[str, ...]
    page_permissions: tuple[str, ...]
    # Documents and images are permitted per collection in Wagtail: on the root collection.
    collection_permissions: tuple[str, ...] = ()
    # Whether members log in with an authenticator app when REQUIRE_2FA_FOR_STAFF is on
    # (roles.rules.requires_two_factor). On unless a role says otherwise: a role that reads
    # other people's personal data needs it.
    requires_two_factor: bool = True


MATERIAL = ("materials.view_coursematerial", "materials.add_coursematerial", "materials.change_coursematerial")
FILES = (
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
)


ROLES = {
    # Trainers propose and edit courses; only the steering group's approval publishes them.
    # They see the participants of their own editions only, and come from many partner
    # organisations: a second factor is not asked of them.
    TRAINERS: Role(
        model_permissions=(ADMIN_ACCESS, "courses.view_edition", "courses.change_edition", *MATERIAL),
        page_permissions=("add", "change"),
        collection_permissions=FILES,
        requires_two_factor=False,
    ),
    # Publishing is how the steering group approves a course in the moderation workflow;
    # approve_edition is how it approves an edition (courses.services.approve_edition).
    STEERING_GROUP: Role(
        model_permissions=(
            ADMIN_ACCESS,
            "courses.view_edition",
            "courses.approve_edition",
            "steering.change_signalthresholds",
            "enrolment.view_enrolment",
            "certificates.view_certificate",
            "curation.view_courserequest",
            "curation.change_courserequest",
            "materials.view_coursematerial",
            "brochure.view_brochure",
        ),
        page_permissions=("add", "change", "publish"),
        collection_permissions=FILES,
    ),
    STAFF: Role(
        model_permissions=(
            ADMIN_ACCESS,
            "courses.view_edition",
            "courses.add_edition",
            "courses.change_edition",
            "courses.cancel_edition",
            "enrolment.view_enrolment",
            "enrolment.add_enrolment",
            "enrolment.change_enrolment",
            "enrolment.view_packageexemption",
            "enrolment.add_packageexemption",
            "enrolment.change_packageexemption",
            "enrolment.delete_packageexemption",
            "accounts.merge_people",
            "certificates.view_certificate",
            "certificates.add_certificate",
            "certificates.change_certificate",
            "academy.change_sitesettings",
            "academy.manage_backgroundtask",
            "payments.view_payment",
            "payments.waive_payment",
            "payments.import_statement",
            "payments.refund_payment",
            "payments.change_paymentsettings",
            "brochure.view_brochure",
            "brochure.add_brochure",
            "steering.change_signalthresholds",
            "curation.view_courserequest",
            "curation.change_courserequest",
            "curation.delete_courserequest",
            "evaluations.view_questionset",
            "evaluations.add_questionset",
            "evaluations.change_questionset",
            *MATERIAL,
            "materials.delete_coursematerial",
            *(f"courses.{action}_{model}" for model in REFERENCE_DATA for action in ("view", "add", "change")),
            *(f"partner_contacts.{action}_partnercontact" for action in ("view", "add", "change", "delete")),
        ),
        page_permissions=("add", "change", "publish", "bulk_delete", "lock", "unlock"),
        collection_permissions=(*FILES, "wagtaildocs.change_document", "wagtailimages.change_image"),
    ),
    # A partner organisation's contact sees, on the site and never in the admin, how many of
    # its members take part, and the names, e-mail addresses and courses of those who
    # consented (partner_contacts). That is personal data of many people at once, in an
    # export too: a stolen password alone must not open it, so a second factor is asked.
    PARTNER_CONTACTS: Role(
        model_permissions=("partner_contacts.view_member_participation",),
        page_permissions=(),
        requires_two_factor=True,
    ),
}
