from .approval import CourseApprovalTask
from .editions import BookingState, Edition, EditionQuerySet, EditionReview, Session
from .pages import CatalogueIndexPage, CoursePage, PackagePage, TrackPage
from .snippets import Audience, PartnerOrganisation, ProgrammeYear, Theme, Trainer, Venue

__all__ = [
    "Audience",
    "BookingState",
    "CatalogueIndexPage",
    "CourseApprovalTask",
    "CoursePage",
    "Edition",
    "EditionQuerySet",
    "EditionReview",
    "PackagePage",
    "PartnerOrganisation",
    "ProgrammeYear",
    "Session",
    "Theme",
    "Trainer",
    "TrackPage",
    "Venue",
]
