"""Code lists: DfE lists for the statutory returns (upper-case) and the partner contract's lists.

Sources: DfE CIN census 2024-25+ and SSDA903 2024-25+ specifications (see
/work/shared/research/data-standards.md); the partner lists are docs/spec partner-extracts.md.
Older 903 codes (H5, P2, Z1) are kept so earlier years still read.
"""

from __future__ import annotations


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


ETHNICITY = _codes(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH "
    "REFU NOBT"
)
SEX = _codes("M F U")
GENDER_CURRENT_TO_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}  # CIN before 2024-25
SEX_903_OLD = {"1": "M", "2": "F"}  # 903 before 2024-25
REFERRAL_SOURCE = _codes("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10")
PRIMARY_NEED = _codes("N0 N1 N2 N3 N4 N5 N6 N7 N8 N9")
REASON_FOR_CLOSURE = _codes("RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9")
CATEGORY_OF_ABUSE = _codes("NEG PHY SAB EMO MUL")
ASSESSMENT_FACTORS = _codes(
    "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A "
    "13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A"
)
RETIRED_FACTORS = _codes("18A 19A")
UPN_UNKNOWN = _codes("UN1 UN2 UN3 UN4 UN5 UN6 UN7")

LEGAL_STATUS = _codes("C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3")
RNE = _codes("S L P T B U")
CATEGORY_OF_NEED_903 = _codes("N1 N2 N3 N4 N5 N6 N7 N8")
PLACEMENT = _codes(
    "A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1 Z11 "
    "Z12 Z13 Z14"
)
PLACE_PROVIDER = _codes("PR0 PR1 PR2 PR3 PR4 PR5")
REASON_EPISODE_CEASED = _codes(
    "X1 E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E9 E14 E15 E16 E17 E8"
)
REASON_PLACE_CHANGE = _codes(
    "CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER"
)
REVIEW_CODE = _codes("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7")
MISSING_TYPE = _codes("M A")
SDQ_REASON = _codes("SDQ1 SDQ2 SDQ3 SDQ4 SDQ5")

# Partner contract (lower-case canonical values).
PARTNER_SEX = _codes("m f u")
SERVICE = _codes("camhs eating_disorder crisis mhst ld_camhs")
HEALTH_REFERRAL_SOURCE = _codes(
    "gp school social_care police emergency_department yjs self_or_family health_other other"
)
REFERRAL_REASON = _codes(
    "anxiety depression self_harm eating_disorder adhd autism trauma psychosis conduct other"
)
REFERRAL_OUTCOME = _codes("accepted rejected signposted pending")
HEALTH_EVENT_TYPE = _codes(
    "ed_self_harm ed_mental_health mh_admission gp_mental_health_concern school_nurse_concern "
    "lac_health_assessment"
)
POLICE_EVENT_TYPE = _codes(
    "missing_episode s136_detention vulnerability_notification arrest victim_of_crime "
    "exploitation_concern domestic_abuse_household"
)
POLICE_REFERRED_TO = _codes("social_care early_help camhs none")
SEN_PROVISION = _codes("n k e")
SEN_PRIMARY_NEED = _codes("spld mld sld pmld semh slcn hi vi msi pd asd oth nsa")
SCHOOL_EVENT_TYPE = _codes(
    "dsl_concern in_school_support referral_mhst referral_camhs referral_early_help "
    "referral_social_care referral_school_nurse suspension permanent_exclusion"
)
YJS_OUTCOME = _codes("out_of_court referral_order yro custody other")
MH_SCREEN = _codes("concern no_concern not_screened")
MH_SERVICE = _codes("camhs yjs_health other none")
EARLY_HELP_REASON = _codes(
    "mental_health behaviour family_conflict school_attendance parenting domestic_abuse "
    "substance_misuse other"
)
LEAD_AGENCY = _codes("school health la voluntary other")

# Annex A list 6 case status labels -> canonical code.
CASE_STATUS = {
    "a": "looked_after",
    "looked after": "looked_after",
    "b": "cp_plan",
    "cp plan": "cp_plan",
    "child protection plan": "cp_plan",
    "c": "cin_plan",
    "cin plan": "cin_plan",
    "child in need plan": "cin_plan",
    "d": "open_assessment",
    "open assessment": "open_assessment",
    "e": "closed_episode",
    "closed episode": "closed_episode",
}
