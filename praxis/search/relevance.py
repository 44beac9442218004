"""A relevance set for the search: a small ecosystem in six languages and the queries people
type for it (typos, word forms, other-language terms, synonyms, clinical abbreviations), each
with the item that must appear in the top five of its kind.

`load()` writes the items (on an empty database); `measure()` runs every query and returns
recall at 5 and the mean reciprocal rank. The tests hold the search to a floor; `make bench`
prints the figures on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from praxis.accounts.models import User
from praxis.catalog.models import Course, TranslationGroup
from praxis.catalog.search import reindex_course
from praxis.community import search as community_search
from praxis.community.models import Community, Post, Thread
from praxis.events.models import Event
from praxis.organisations.models import Organisation
from praxis.search.queries import search_everything

COURSES: list[tuple[str, str, str, str]] = [
    # (translation group or "", language, title, summary)
    ("hands", "en", "Hand hygiene in health facilities", "Clean hands save lives."),
    ("hands", "fr", "Hygiène des mains dans les établissements de santé", "Des mains propres."),
    ("hands", "es", "Higiene de manos en los centros de salud", "Las manos limpias salvan vidas."),
    ("hands", "ru", "Гигиена рук в медицинских учреждениях", "Чистые руки спасают жизни."),
    ("hands", "ar", "نظافة اليدين في المرافق الصحية", "الأيدي النظيفة تنقذ الأرواح."),
    ("hands", "zh-hans", "医疗机构中的手卫生", "清洁的双手拯救生命。"),
    ("", "en", "Vaccine storage and the cold chain", "Keeping vaccines between 2 and 8 °C."),
    ("", "es", "La vacuna contra el sarampión", "Cómo conservar y aplicar la vacuna."),
    ("", "fr", "Vaccination des enfants", "Le calendrier vaccinal de l'enfant."),
    ("", "ru", "Вакцинация детей", "Национальный календарь прививок."),
    ("", "ar", "تطعيم الأطفال", "جدول التطعيمات الوطني."),
    ("", "zh-hans", "儿童疫苗接种", "国家免疫规划。"),
    ("triage", "en", "Emergency triage: who to see first", "Sort patients by urgency."),
    ("triage", "fr", "Le triage aux urgences", "Classer les patients selon l'urgence."),
    ("triage", "es", "Triaje de urgencias: a quién atender primero", "Clasificar pacientes."),
    ("newborn", "en", "Essential newborn care", "The first days of life."),
    ("newborn", "es", "Cuidados esenciales del recién nacido", "Los primeros días de vida."),
    ("newborn", "ar", "رعاية المولود الأساسية", "الأيام الأولى من الحياة."),
    ("", "en", "Tuberculosis screening in primary care", "Find and treat TB early."),
    ("", "ru", "Туберкулёз: выявление в первичном звене", "Раннее выявление."),
    ("", "fr", "Le paludisme chez l'enfant", "Diagnostic et traitement."),
    ("", "en", "Malaria rapid diagnostic tests", "Reading an RDT correctly."),
    ("", "en", "Mental health first aid", "Supporting a colleague in distress."),
    ("", "es", "Salud mental en la atención primaria", "Detectar la depresión."),
    ("", "ar", "إدارة مرض السكري", "متابعة سكر الدم."),
    ("", "en", "Diabetes in primary care", "Follow-up of blood sugar."),
    ("", "en", "Putting on and taking off personal protective equipment", "Gowns, masks."),
    ("", "fr", "Équipement de protection individuelle", "Blouses, masques et lunettes."),
    ("", "zh-hans", "高血压的管理", "测量和控制血压。"),
    ("", "en", "Measuring blood pressure", "Cuff size and posture."),
    ("", "es", "Lactancia materna exclusiva", "Los primeros seis meses."),
    ("", "en", "Antimicrobial resistance and stewardship", "Prescribing antibiotics well."),
    ("", "ru", "Расследование вспышки", "Первые шаги."),
    ("", "en", "Outbreak investigation basics", "The first steps of an investigation."),
    ("", "fr", "Soins infirmiers en pédiatrie", "Le rôle de l'infirmière."),
    ("", "en", "Pregnancy care in the community", "Antenatal visits."),
]
THREADS: list[tuple[str, str, str]] = [
    (
        "en",
        "Gloves for blood draws?",
        "Gloves for blood and body fluids, hand hygiene for the rest.",
    ),
    ("fr", "Quel masque pour les soins ?", "Masque chirurgical ou FFP2 selon le geste."),
    ("ar", "نقص الممرضات في الريف", "كيف تتعاملون مع نقص التمريض؟"),
    ("es", "Brote de sarampión en la escuela", "¿Cómo organizar la vacunación de rescate?"),
    ("ru", "Перчатки при заборе крови", "Нужны ли перчатки всегда?"),
    ("ru", "Спиртовой раствор для гигиены рук", "Сколько секунд растирать?"),
]
EVENTS: list[tuple[str, str, str]] = [
    ("en", "Immunization week webinar", "What is new in routine immunization."),
    ("fr", "Congrès sur le paludisme", "Trois jours sur la lutte contre le paludisme."),
]
PARTNERS = ["Kenya Medical Training College", "Instituto Nacional de Salud Pública"]

# (query, interface language, kind, title that must be in the top five of that kind)
H = "Hand hygiene in health facilities"
H_ES = "Higiene de manos en los centros de salud"
H_FR = "Hygiène des mains dans les établissements de santé"
H_RU = "Гигиена рук в медицинских учреждениях"
H_AR = "نظافة اليدين في المرافق الصحية"
H_ZH = "医疗机构中的手卫生"
V_EN, V_ES, V_FR = (
    "Vaccine storage and the cold chain",
    "La vacuna contra el sarampión",
    ("Vaccination des enfants"),
)
V_RU, V_AR, V_ZH = "Вакцинация детей", "تطعيم الأطفال", "儿童疫苗接种"
T_EN, T_FR, T_ES = (
    "Emergency triage: who to see first",
    "Le triage aux urgences",
    "Triaje de urgencias: a quién atender primero",
)
N_EN, N_ES, N_AR = (
    "Essential newborn care",
    "Cuidados esenciales del recién nacido",
    "رعاية المولود الأساسية",
)
TB_EN, TB_RU = "Tuberculosis screening in primary care", "Туберкулёз: выявление в первичном звене"
M_FR, M_EN = "Le paludisme chez l'enfant", "Malaria rapid diagnostic tests"
MH_EN, MH_ES = "Mental health first aid", "Salud mental en la atención primaria"
D_AR, D_EN = "إدارة مرض السكري", "Diabetes in primary care"
P_EN, P_FR = (
    "Putting on and taking off personal protective equipment",
    ("Équipement de protection individuelle"),
)
BP_ZH, BP_EN = "高血压的管理", "Measuring blood pressure"
BF_ES = "Lactancia materna exclusiva"
AMR = "Antimicrobial resistance and stewardship"
O_RU, O_EN = "Расследование вспышки", "Outbreak investigation basics"
NU_FR, PR_EN = "Soins infirmiers en pédiatrie", "Pregnancy care in the community"
GLOVES, MASK, NURSES, MEASLES, GLOVES_RU = (
    "Gloves for blood draws?",
    "Quel masque pour les soins ?",
    "نقص الممرضات في الريف",
    "Brote de sarampión en la escuela",
    "Перчатки при заборе крови",
)
HANDS_RU = "Спиртовой раствор для гигиены рук"
C = "courses"
QUERIES: list[tuple[str, str, str, str]] = [
    # the issue's own examples
    ("higene de manos", "es", C, H_ES),
    ("vacunna", "es", C, V_ES),
    ("vacunación", "es", C, V_ES),
    ("bebé", "es", C, N_ES),
    ("hand hygiene", "es", C, H_ES),
    ("triage", "es", C, T_ES),
    ("guantes", "es", "threads", GLOVES),
    # hand hygiene, every language, typos and forms
    ("hand hygiene", "en", C, H),
    ("hand hygene", "en", C, H),
    ("hands", "en", C, H),
    ("handwashing", "en", C, H),
    ("hygiene", "en", C, H),
    ("hygine", "en", C, H),
    ("hygiène des mains", "fr", C, H_FR),
    ("hygiene mains", "fr", C, H_FR),
    ("hygienne des mains", "fr", C, H_FR),
    ("lavage des mains", "fr", C, H_FR),
    ("établissement", "fr", C, H_FR),
    ("higiene", "es", C, H_ES),
    ("lavado de manos", "es", C, H_ES),
    ("mano", "es", C, H_ES),
    ("HIGIENE DE MANOS", "es", C, H_ES),
    ("гигиена рук", "ru", C, H_RU),
    ("гигиены", "ru", C, H_RU),
    ("гигиена", "ru", C, H_RU),
    ("гигена рук", "ru", C, H_RU),
    ("hand hygiene", "ru", C, H_RU),
    ("نظافة اليدين", "ar", C, H_AR),
    ("نظافه اليدين", "ar", C, H_AR),
    ("hand hygiene", "ar", C, H_AR),
    ("المرافق", "ar", C, H_AR),
    ("手卫生", "zh-hans", C, H_ZH),
    ("hand hygiene", "zh-hans", C, H_ZH),
    ("医疗机构", "zh-hans", C, H_ZH),
    ("higiene de manos", "en", C, H),
    ("гигиена рук", "en", C, H),
    ("手卫生", "en", C, H),
    ("نظافة اليدين", "en", C, H),
    # vaccines
    ("vaccine", "en", C, V_EN),
    ("vaccines", "en", C, V_EN),
    ("vacine", "en", C, V_EN),
    ("vaccination", "en", C, V_EN),
    ("immunization", "en", C, V_EN),
    ("cold chain", "en", C, V_EN),
    ("cold chian", "en", C, V_EN),
    ("vacuna", "es", C, V_ES),
    ("vacunas", "es", C, V_ES),
    ("sarampion", "es", C, V_ES),
    ("sarampión", "es", C, V_ES),
    ("vaccin", "fr", C, V_FR),
    ("vaccination", "fr", C, V_FR),
    ("vacination", "fr", C, V_FR),
    ("enfants", "fr", C, V_FR),
    ("вакцинация", "ru", C, V_RU),
    ("вакцина", "ru", C, V_RU),
    ("вакцинации", "ru", C, V_RU),
    ("вакцинаця", "ru", C, V_RU),
    ("تطعيم", "ar", C, V_AR),
    ("لقاح", "ar", C, V_AR),
    ("التطعيم", "ar", C, V_AR),
    ("疫苗", "zh-hans", C, V_ZH),
    ("疫苗接种", "zh-hans", C, V_ZH),
    ("vaccine", "zh-hans", C, V_ZH),
    ("vaccine", "ar", C, V_AR),
    ("vaccine", "ru", C, V_RU),
    ("vaccine", "fr", C, V_FR),
    ("vaccine", "es", C, V_ES),
    ("immunization", "en", "events", "Immunization week webinar"),
    ("vacunación", "en", "events", "Immunization week webinar"),
    # triage
    ("triage", "en", C, T_EN),
    ("triag", "en", C, T_EN),
    ("traige", "en", C, T_EN),
    ("emergency", "en", C, T_EN),
    ("emergancy triage", "en", C, T_EN),
    ("triage", "fr", C, T_FR),
    ("urgences", "fr", C, T_FR),
    ("triaje", "es", C, T_ES),
    ("triaje", "en", C, T_EN),
    ("urgencias", "es", C, T_ES),
    ("триаж", "ru", C, T_EN),
    ("分诊", "zh-hans", C, T_EN),
    ("فرز", "ar", C, T_EN),
    # newborns
    ("newborn", "en", C, N_EN),
    ("newborn care", "en", C, N_EN),
    ("newbron", "en", C, N_EN),
    ("baby", "en", C, N_EN),
    ("infant", "en", C, N_EN),
    ("bebe", "es", C, N_ES),
    ("recién nacido", "es", C, N_ES),
    ("recien nacido", "es", C, N_ES),
    ("nourrisson", "fr", C, N_EN),
    ("مولود", "ar", C, N_AR),
    ("المولود", "ar", C, N_AR),
    ("رضيع", "ar", C, N_AR),
    ("婴儿", "zh-hans", C, N_EN),
    ("младенец", "ru", C, N_EN),
    # tuberculosis
    ("tuberculosis", "en", C, TB_EN),
    ("tuberculossis", "en", C, TB_EN),
    ("tb", "en", C, TB_EN),
    ("TB screening", "en", C, TB_EN),
    ("туберкулёз", "ru", C, TB_RU),
    ("туберкулез", "ru", C, TB_RU),
    ("tuberculose", "fr", C, TB_EN),
    ("结核病", "zh-hans", C, TB_EN),
    # malaria
    ("malaria", "en", C, M_EN),
    ("malria", "en", C, M_EN),
    ("paludisme", "fr", C, M_FR),
    ("paludism", "fr", C, M_FR),
    ("malaria", "fr", C, M_FR),
    ("paludismo", "es", C, M_EN),
    ("малярия", "ru", C, M_EN),
    ("الملاريا", "ar", C, M_EN),
    ("疟疾", "zh-hans", C, M_EN),
    ("paludisme", "fr", "events", "Congrès sur le paludisme"),
    ("malaria congress", "en", "events", "Congrès sur le paludisme"),
    # mental health, diabetes, blood pressure
    ("mental health", "en", C, MH_EN),
    ("mentl health", "en", C, MH_EN),
    ("salud mental", "es", C, MH_ES),
    ("santé mentale", "fr", C, MH_EN),
    ("psychological first aid", "en", C, MH_EN),
    ("diabetes", "en", C, D_EN),
    ("diabets", "en", C, D_EN),
    ("السكري", "ar", C, D_AR),
    ("سكري", "ar", C, D_AR),
    ("diabète", "fr", C, D_EN),
    ("糖尿病", "zh-hans", C, D_EN),
    ("blood pressure", "en", C, BP_EN),
    ("hypertension", "en", C, BP_EN),
    ("高血压", "zh-hans", C, BP_ZH),
    ("血压", "zh-hans", C, BP_ZH),
    ("presión arterial", "es", C, BP_EN),
    # protective equipment, masks, gloves
    ("ppe", "en", C, P_EN),
    ("PPE", "fr", C, P_FR),
    ("personal protective equipment", "en", C, P_EN),
    ("protective equipment", "en", C, P_EN),
    ("équipement de protection", "fr", C, P_FR),
    ("epi", "fr", C, P_FR),
    ("equipo de protección personal", "es", C, P_EN),
    ("masque", "fr", "threads", MASK),
    ("mask", "en", "threads", MASK),
    ("mascarilla", "es", "threads", MASK),
    ("gloves", "en", "threads", GLOVES),
    ("glove", "en", "threads", GLOVES),
    ("glvoes", "en", "threads", GLOVES),
    ("gants", "fr", "threads", GLOVES),
    ("قفازات", "ar", "threads", GLOVES),
    ("手套", "zh-hans", "threads", GLOVES),
    ("перчатки", "ru", "threads", GLOVES_RU),
    ("guantes", "ru", "threads", GLOVES_RU),
    # a term of several words, written in another form of its words ("гигиены рук")
    ("гигиена рук", "ru", "threads", HANDS_RU),
    ("hand hygiene", "ru", "threads", HANDS_RU),
    # breastfeeding, resistance, outbreaks, nursing, pregnancy
    ("lactancia", "es", C, BF_ES),
    ("breastfeeding", "en", C, BF_ES),
    ("allaitement", "fr", C, BF_ES),
    ("antimicrobial resistance", "en", C, AMR),
    ("amr", "en", C, AMR),
    ("antimicrobial", "en", C, AMR),
    ("antibiotics", "en", C, AMR),
    ("outbreak", "en", C, O_EN),
    ("outbreaks", "en", C, O_EN),
    ("вспышка", "ru", C, O_RU),
    ("вспышки", "ru", C, O_RU),
    ("épidémie", "fr", C, O_EN),
    ("brote", "es", "threads", MEASLES),
    ("infirmière", "fr", C, NU_FR),
    ("infirmiere", "fr", C, NU_FR),
    ("nursing", "en", C, NU_FR),
    ("ممرضة", "ar", "threads", NURSES),
    ("التمريض", "ar", "threads", NURSES),
    ("pregnancy", "en", C, PR_EN),
    ("pregnant", "en", C, PR_EN),
    ("embarazo", "es", C, PR_EN),
    ("grossesse", "fr", C, PR_EN),
    # partners
    ("kenya", "en", "partners", "Kenya Medical Training College"),
    ("medical training", "en", "partners", "Kenya Medical Training College"),
    ("salud publica", "es", "partners", "Instituto Nacional de Salud Pública"),
    ("instituto nacional", "es", "partners", "Instituto Nacional de Salud Pública"),
]


def load() -> None:
    """Write the relevance set's items and index them."""
    now = timezone.now()
    groups: dict[str, TranslationGroup] = {}
    # A group's first course is the original; its translations are published after it.
    originals: dict[str, datetime] = {}
    for number, (group, language, title, summary) in enumerate(COURSES):
        translation_group = None
        published_at = now - timedelta(days=number)
        if group:
            translation_group = groups.get(group) or TranslationGroup.objects.create(
                key=f"relevance-{group}"
            )
            groups[group] = translation_group
            published_at = originals.setdefault(group, published_at) + timedelta(
                hours=sum(1 for g, *_rest in COURSES[:number] if g == group)
            )
        course = Course.objects.create(
            slug=f"relevance-{number}",
            language=language,
            title=title,
            summary=summary,
            objectives=[],
            status=Course.Status.PUBLISHED,
            published_at=published_at,
            translation_group=translation_group,
        )
        reindex_course(course)
    author = User.objects.create(email="relevance@example.org", full_name="Relevance")
    community = Community.objects.create(
        slug="relevance", name="Relevance practitioners", languages=["en"]
    )
    for language, title, body in THREADS:
        thread = Thread.objects.create(
            community=community, author=author, title=title, language=language
        )
        Post.objects.create(
            thread=thread, author=author, position=0, body=body, body_html=f"<p>{body}</p>"
        )
        community_search.index_thread(thread)
    for number, (language, title, summary) in enumerate(EVENTS):
        Event.objects.create(
            slug=f"relevance-event-{number}",
            title=title,
            summary=summary,
            type=Event.Type.WEBINAR,
            format=Event.Format.ONLINE,
            status=Event.Status.PUBLISHED,
            language=language,
            region="EUR",
            time_zone="UTC",
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=2),
        )
    for number, name in enumerate(PARTNERS):
        Organisation.objects.create(
            name=name, slug=f"relevance-partner-{number}", type="university", country="KE"
        )


@dataclass(frozen=True)
class Measure:
    queries: int
    recall_at_5: float
    mean_reciprocal_rank: float
    misses: list[str]


def measure() -> Measure:
    """Run every query of the set as an anonymous visitor."""
    found = 0
    reciprocal = 0.0
    misses: list[str] = []
    for query, language, kind, title in QUERIES:
        results = search_everything(AnonymousUser(), query, language)
        titles = [result.title for result in results.groups.get(kind, [])]
        if title in titles[:5]:
            found += 1
            reciprocal += 1 / (titles.index(title) + 1)
        else:
            misses.append(f"{query!r} ({language}) → {kind}: {title!r}, got {titles[:5]}")
    return Measure(len(QUERIES), found / len(QUERIES), reciprocal / len(QUERIES), misses)
