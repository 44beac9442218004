"""Invented partner organisations, spread over the six WHO regions, and the academy itself."""

from __future__ import annotations

from dataclasses import dataclass

from praxis.organisations.models import Organisation

Type = Organisation.Type


@dataclass(frozen=True)
class OrganisationText:
    slug: str
    name: str
    short_name: str
    type: str
    country: str
    region: str
    description: str

    @property
    def website(self) -> str:
        return f"https://{self.slug}.example"


ACADEMY = OrganisationText(
    slug="praxis-academy",
    name="Praxis Academy",
    short_name="Academy",
    type=Type.ACADEMY,
    country="CH",
    region="EUR",
    description="The academy that curates the catalogue and convenes its partners.",
)

PARTNERS = (
    OrganisationText(
        "nairobi-sph",
        "Nairobi School of Public Health",
        "NSPH",
        Type.UNIVERSITY,
        "KE",
        "AFR",
        "Trains district health officers and field epidemiologists across East Africa.",
    ),
    OrganisationText(
        "sahel-nursing-midwifery",
        "Sahel Centre for Nursing and Midwifery Education",
        "SCNME",
        Type.COLLABORATING_CENTRE,
        "SN",
        "AFR",
        "Develops French-language curricula for nurses and midwives in West Africa.",
    ),
    OrganisationText(
        "highveld-cold-chain",
        "Highveld Cold Chain Logistics Cooperative",
        "HCCL",
        Type.PRIVATE,
        "ZA",
        "AFR",
        "Maintains vaccine refrigerators and trains the people who look after them.",
    ),
    OrganisationText(
        "andean-community-nursing",
        "Andean Institute of Community Nursing",
        "AICN",
        Type.UNIVERSITY,
        "PE",
        "AMR",
        "Prepares nurses for primary care in high-altitude and rural communities.",
    ),
    OrganisationText(
        "caribbean-emergency-care",
        "Caribbean Emergency Care Network",
        "CECN",
        Type.NGO,
        "JM",
        "AMR",
        "Connects emergency departments and ambulance services across island states.",
    ),
    OrganisationText(
        "bay-of-bengal-primary-care",
        "Bay of Bengal Institute of Primary Care",
        "BBIPC",
        Type.UNIVERSITY,
        "BD",
        "SEAR",
        "Researches team-based primary care in densely populated districts.",
    ),
    OrganisationText(
        "himalayan-rural-health",
        "Himalayan Rural Health Alliance",
        "HRHA",
        Type.NGO,
        "NP",
        "SEAR",
        "Supports health posts and community health workers in mountain districts.",
    ),
    OrganisationText(
        "baltic-ipc-nurses",
        "Baltic Association of Infection Prevention Nurses",
        "BAIPN",
        Type.PROFESSIONAL_ASSOCIATION,
        "LT",
        "EUR",
        "A professional body for nurses who lead infection prevention in hospitals.",
    ),
    OrganisationText(
        "volga-emergency-training",
        "Volga Centre for Emergency Medicine Training",
        "VCEMT",
        Type.MEMBER_STATE_BODY,
        "RU",
        "EUR",
        "A regional training centre for emergency physicians, nurses and paramedics.",
    ),
    OrganisationText(
        "nile-delta-maternal-health",
        "Nile Delta Institute of Maternal Health",
        "NDIMH",
        Type.UNIVERSITY,
        "EG",
        "EMR",
        "Studies safe childbirth practice in district hospitals and birthing centres.",
    ),
    OrganisationText(
        "levant-mental-health",
        "Levant Mental Health Collaborative",
        "LMHC",
        Type.NGO,
        "JO",
        "EMR",
        "Trains front-line workers to offer psychological first aid and referral.",
    ),
    OrganisationText(
        "mekong-workforce-studies",
        "Mekong Centre for Health Workforce Studies",
        "MCHWS",
        Type.COLLABORATING_CENTRE,
        "VN",
        "WPR",
        "Studies how health teams are led, staffed and supported in the Mekong basin.",
    ),
    OrganisationText(
        "pacific-immunization",
        "Pacific Islands Immunization Partnership",
        "PIIP",
        Type.INTERNATIONAL,
        "FJ",
        "WPR",
        "Helps small island health services keep vaccines safe across long supply lines.",
    ),
    OrganisationText(
        "yangtze-stewardship",
        "Yangtze Institute for Antimicrobial Stewardship",
        "YIAS",
        Type.UNIVERSITY,
        "CN",
        "WPR",
        "Runs stewardship programmes and prescribing audits in county hospitals.",
    ),
)
