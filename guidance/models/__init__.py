"""The inventory's domain model; see docs/decisions.md for the reasoning behind its shape."""

from .comments import ReviewComment
from .common import PublicationStatus, RendersMarkdown
from .countries import Collection, CollectionStatus, Country, CountryGroup
from .organisations import Organisation
from .policies import Initiative, Policy, PolicyStage, PolicyStageYear
from .preferences import InterfaceLanguage
from .records import (
    Completeness,
    GuidanceSystem,
    Indicator,
    IndicatorAnswer,
    IndicatorValue,
    Section,
    SectionEntry,
    SectionGroup,
)
from .releases import FrozenError, Release, ReleaseFile
from .sources import Source
from .vocabularies import (
    DeliveryMode,
    InitiativeType,
    InstrumentType,
    OrganisationType,
    Sector,
    TargetGroup,
)

__all__ = [
    "Collection",
    "CollectionStatus",
    "Completeness",
    "Country",
    "CountryGroup",
    "DeliveryMode",
    "FrozenError",
    "GuidanceSystem",
    "Indicator",
    "IndicatorAnswer",
    "IndicatorValue",
    "Initiative",
    "InitiativeType",
    "InstrumentType",
    "InterfaceLanguage",
    "Organisation",
    "OrganisationType",
    "Policy",
    "PolicyStage",
    "PolicyStageYear",
    "PublicationStatus",
    "Release",
    "ReleaseFile",
    "RendersMarkdown",
    "ReviewComment",
    "Section",
    "SectionEntry",
    "SectionGroup",
    "Sector",
    "Source",
    "TargetGroup",
]
