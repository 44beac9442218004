"""A small multilingual vocabulary of health terms: each concept with its usual names in the six
UN languages, so that a search in one language also finds what was written in another.

The list is Praxis's own, kept short on purpose: the terms health workers search for most in
the catalogue and the community (infection prevention, immunization, emergencies, maternal and
child health, common diseases). The names follow those used in these sources (none is copied
wholesale; a term missing here is simply not linked across languages):

- WHO's publications issued in all six languages, e.g. the "WHO guidelines on hand hygiene in
  health care" and the Immunization Agenda 2030;
- UNTERM, the United Nations terminology database (unterm.un.org);
- MeSH, the Medical Subject Headings, and its translations (DeCS by BIREME/PAHO for Spanish,
  the INSERM translation for French, the Russian translation of the Central Scientific Medical
  Library).

Abbreviations in common clinical use (PPE, TB, HIV) are listed with their concept.
"""

from __future__ import annotations

Concept = dict[str, tuple[str, ...]]

CONCEPTS: list[Concept] = [
    {
        "en": ("gloves", "glove"),
        "fr": ("gants", "gant"),
        "es": ("guantes", "guante"),
        "ru": ("перчатки",),
        "ar": ("قفازات", "قفاز"),
        "zh-hans": ("手套",),
    },
    {
        "en": ("hand hygiene", "handwashing"),
        "fr": ("hygiène des mains", "lavage des mains"),
        "es": ("higiene de manos", "lavado de manos"),
        "ru": ("гигиена рук",),
        "ar": ("نظافة اليدين",),
        "zh-hans": ("手卫生",),
    },
    {
        "en": ("vaccine", "vaccination", "immunization", "immunisation"),
        "fr": ("vaccin", "vaccination"),
        "es": ("vacuna", "vacunación", "inmunización"),
        "ru": ("вакцина", "вакцинация", "иммунизация"),
        "ar": ("لقاح", "تطعيم", "تحصين"),
        "zh-hans": ("疫苗", "免疫接种"),
    },
    {
        "en": ("triage",),
        "fr": ("triage",),
        "es": ("triaje",),
        "ru": ("сортировка", "триаж"),
        "ar": ("فرز",),
        "zh-hans": ("分诊",),
    },
    {
        "en": ("baby", "infant", "newborn"),
        "fr": ("bébé", "nourrisson", "nouveau-né"),
        "es": ("bebé", "lactante", "recién nacido"),
        "ru": ("младенец", "новорождённый"),
        "ar": ("رضيع", "مولود"),
        "zh-hans": ("婴儿", "新生儿"),
    },
    {
        "en": ("personal protective equipment", "ppe"),
        "fr": ("équipement de protection individuelle", "epi"),
        "es": ("equipo de protección personal", "epp"),
        "ru": ("средства индивидуальной защиты", "сиз"),
        "ar": ("معدات الوقاية الشخصية",),
        "zh-hans": ("个人防护装备",),
    },
    {
        "en": ("mask", "masks"),
        "fr": ("masque",),
        "es": ("mascarilla",),
        "ru": ("маска",),
        "ar": ("كمامة",),
        "zh-hans": ("口罩",),
    },
    {
        "en": ("infection prevention", "infection control"),
        "fr": ("prévention des infections",),
        "es": ("prevención de infecciones",),
        "ru": ("профилактика инфекций",),
        "ar": ("الوقاية من العدوى",),
        "zh-hans": ("感染预防",),
    },
    {
        "en": ("tuberculosis", "tb"),
        "fr": ("tuberculose",),
        "es": ("tuberculosis",),
        "ru": ("туберкулёз",),
        "ar": ("السل",),
        "zh-hans": ("结核病",),
    },
    {
        "en": ("hiv",),
        "fr": ("vih",),
        "es": ("vih",),
        "ru": ("вич",),
        "ar": ("فيروس نقص المناعة البشرية",),
        "zh-hans": ("艾滋病病毒",),
    },
    {
        "en": ("malaria",),
        "fr": ("paludisme",),
        "es": ("malaria", "paludismo"),
        "ru": ("малярия",),
        "ar": ("الملاريا",),
        "zh-hans": ("疟疾",),
    },
    {
        "en": ("pregnancy", "pregnant"),
        "fr": ("grossesse", "enceinte"),
        "es": ("embarazo", "embarazada"),
        "ru": ("беременность",),
        "ar": ("الحمل",),
        "zh-hans": ("怀孕", "妊娠"),
    },
    {
        "en": ("breastfeeding",),
        "fr": ("allaitement",),
        "es": ("lactancia materna",),
        "ru": ("грудное вскармливание",),
        "ar": ("الرضاعة الطبيعية",),
        "zh-hans": ("母乳喂养",),
    },
    {
        "en": ("emergency", "emergencies"),
        "fr": ("urgence", "urgences"),
        "es": ("urgencia", "urgencias", "emergencia"),
        "ru": ("неотложная помощь",),
        "ar": ("الطوارئ",),
        "zh-hans": ("急诊", "紧急"),
    },
    {
        "en": ("nurse", "nursing"),
        "fr": ("infirmier", "infirmière", "soins infirmiers"),
        "es": ("enfermera", "enfermero", "enfermería"),
        "ru": ("медсестра",),
        "ar": ("ممرضة", "تمريض"),
        "zh-hans": ("护士", "护理"),
    },
    {
        "en": ("antimicrobial resistance", "amr"),
        "fr": ("résistance aux antimicrobiens", "ram"),
        "es": ("resistencia a los antimicrobianos", "ram"),
        "ru": ("устойчивость к противомикробным препаратам",),
        "ar": ("مقاومة مضادات الميكروبات",),
        "zh-hans": ("抗微生物药物耐药性",),
    },
    {
        "en": ("mental health",),
        "fr": ("santé mentale",),
        "es": ("salud mental",),
        "ru": ("психическое здоровье",),
        "ar": ("الصحة النفسية",),
        "zh-hans": ("精神卫生", "心理健康"),
    },
    {
        "en": ("diabetes",),
        "fr": ("diabète",),
        "es": ("diabetes",),
        "ru": ("диабет",),
        "ar": ("السكري",),
        "zh-hans": ("糖尿病",),
    },
    {
        "en": ("blood pressure", "hypertension"),
        "fr": ("tension artérielle", "hypertension"),
        "es": ("presión arterial", "hipertensión"),
        "ru": ("артериальное давление", "гипертония"),
        "ar": ("ضغط الدم",),
        "zh-hans": ("血压", "高血压"),
    },
    {
        "en": ("outbreak", "epidemic"),
        "fr": ("flambée", "épidémie"),
        "es": ("brote", "epidemia"),
        "ru": ("вспышка", "эпидемия"),
        "ar": ("فاشية", "وباء"),
        "zh-hans": ("暴发", "疫情"),
    },
]
