"""The competency charts on a phone, in English and in Arabic: every word readable and inside its
chart, Arabic names reading from the right, and the page never scrolling sideways."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import sideways, sign_in
from praxis.accounts.models import User
from praxis.competencies.tests.factories import (
    CompetencyItemFactory,
    EvidenceFactory,
    TargetProfileFactory,
    TargetRequirementFactory,
)
from praxis.core.tests.drawn_charts import chart_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = "نظافة اليدين: اللحظات الخمس في الرعاية الصحية اليومية"
COMPETENCIES = [
    ("PA1.15", "Support people through treatment and care across every setting of care", 3),
    ("6", ARABIC, 2),
    ("EPHF9", "公共卫生应急准备与响应的循证实践和社区参与培训课程", 5),
]

# Where the browser draws the first letter of the Arabic name and its ellipsis: reading from
# the right, the ellipsis that ends the shortened name is at its left end.
ARABIC_ENDS = """(texts, first) => {
  const drawn = texts.find(t => t.lastChild.data.includes(first)).lastChild;
  const at = character => {
    const range = document.createRange();
    const start = drawn.data.indexOf(character);
    range.setStart(drawn, start);
    range.setEnd(drawn, start + 1);
    return range.getBoundingClientRect().x;
  };
  return {code: at("6"), ellipsis: at("…"), first: at(first[0])};
}"""


@pytest.fixture
def target(learner: User) -> str:
    """The learner holds three competencies with long names; a target role needs them and one
    more. The target's slug."""
    target = TargetProfileFactory.create()
    for code, name, level in COMPETENCIES:
        item = CompetencyItemFactory.create(code=code, statement=name)
        EvidenceFactory.create(learner=learner, item=item, level=level)
        TargetRequirementFactory.create(profile=target, item=item, level=4)
    TargetRequirementFactory.create(profile=target, level=5)
    return target.slug


@pytest.mark.parametrize("language", ["en", "ar"])
def test_competency_charts_are_readable_on_a_phone(
    page: Page, live_server: LiveServer, learner: User, target: str, language: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, learner, language=language)
    for url, bars in [
        ("/my-competencies/", 3),
        (f"/my-competencies/gaps/?target={target}", 4),
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert sideways(page) == 0, url
        texts = chart_texts(page)
        # A label and a number for each bar, and the levels 0 to 5 under them.
        assert len(texts) == 2 * bars + 6, url
        assert any(ARABIC[:12] in text["words"] for text in texts)
        for text in texts:
            assert text["size"] >= 11 and text["height"] >= 11, (url, text)
            assert text["inside"], (url, text)
        ends = page.locator("svg.chart text").evaluate_all(ARABIC_ENDS, ARABIC[:12])
        assert ends["code"] < ends["ellipsis"] < ends["first"], (url, ends)
