"""SCORM 2004 navigation decided on the server, from manifests written here: continue and
previous follow the tree where its clusters flow, forwardOnly refuses going back, choice and
choiceExit are honoured, jump ignores them, the leaving requests leave, and what is not valid is
refused without a change."""

from __future__ import annotations

import io
from typing import Any

import pytest

from praxis.core.errors import ValidationFailed
from praxis.packages import navigation
from praxis.packages.models import Package
from praxis.packages.navigation import Outcome, Request
from praxis.packages.services import inspect_package
from praxis.packages.tests import crafting


def _tree(content: bytes) -> navigation.Tree:
    summary = inspect_package(io.BytesIO(content))[1]
    package = Package(kind=summary.kind, summary=summary.as_json())
    return navigation.tree_of(package)


def _go(tree: navigation.Tree, current: str, request: str) -> Outcome:
    return navigation.navigate(tree, current, navigation.parse(request))


def _refused(tree: navigation.Tree, current: str, request: str) -> str:
    with pytest.raises(navigation.NotValid) as refusal:
        _go(tree, current, request)
    assert refusal.value.code == "navigation_not_valid"
    assert refusal.value.status == 409
    return str(refusal.value.message)


def _item(identifier: str, inner: str = "", sequencing: str = "") -> str:
    reference = "" if inner else ' identifierref="r"'
    return (
        f'<item identifier="{identifier}"{reference}><title>{identifier}</title>'
        f"{inner}{sequencing}</item>"
    )


def _controls(**modes: str) -> str:
    attributes = " ".join(f'{name}="{value}"' for name, value in modes.items())
    return f"<imsss:sequencing><imsss:controlMode {attributes}/></imsss:sequencing>"


FLAT = "".join(_item(name) for name in ("intro", "body", "quiz"))


def test_continue_and_previous_follow_the_organisation_where_it_flows() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true"), FLAT))
    assert _go(tree, "intro", "continue") == Outcome(sco="body")
    assert _go(tree, "body", "continue") == Outcome(sco="quiz")
    assert _go(tree, "quiz", "previous") == Outcome(sco="body")
    # Continuing from the last SCO ends the session: the learner goes back to the lesson.
    assert _go(tree, "quiz", "continue") == Outcome(leave=True)
    assert "first part" in _refused(tree, "intro", "previous")


def test_without_a_declared_flow_the_standards_default_refuses_continue_and_previous() -> None:
    tree = _tree(crafting.sequenced("", FLAT))
    assert "one after another" in _refused(tree, "intro", "continue")
    assert "one after another" in _refused(tree, "body", "previous")
    # Choice is on by default, so the learner still reaches every part.
    assert _go(tree, "intro", "{target=quiz}choice") == Outcome(sco="quiz")


def test_forward_only_refuses_previous_and_keeps_continue() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true", forwardOnly="true"), FLAT))
    assert "only goes forward" in _refused(tree, "body", "previous")
    assert _go(tree, "body", "continue") == Outcome(sco="quiz")
    assert not navigation.choices(tree, "body").can_go_back


def test_choice_off_refuses_every_choice_but_flow_still_moves() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true", choice="false"), FLAT))
    assert "choose" in _refused(tree, "intro", "{target=quiz}choice")
    assert _go(tree, "intro", "continue") == Outcome(sco="body")
    assert navigation.choices(tree, "intro").choice == []


def test_an_unknown_target_or_a_current_sco_outside_the_package_is_refused() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true"), FLAT))
    assert "no such part" in _refused(tree, "intro", "{target=nowhere}choice")
    assert "no such part" in _refused(tree, "intro", "{target=org}choice")
    assert "no such part" in _refused(tree, "intro", "{target=nowhere}jump")
    assert "no such part" in _refused(tree, "ghost", "continue")


NESTED = (
    _item("welcome")
    + _item("cases", _item("case-1") + _item("case-2"), _controls(flow="true", choiceExit="false"))
    + _item("practice")
    + _item("exam", _item("exam-1") + _item("exam-2"), _controls(flow="true", forwardOnly="true"))
    + _item("closing")
)


def test_flow_crosses_clusters_in_the_trees_order() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true"), NESTED))
    assert tree.scos == ["welcome", "case-1", "case-2", "practice", "exam-1", "exam-2", "closing"]
    assert _go(tree, "welcome", "continue") == Outcome(sco="case-1")
    assert _go(tree, "case-2", "continue") == Outcome(sco="practice")
    assert _go(tree, "practice", "continue") == Outcome(sco="exam-1")
    assert _go(tree, "exam-2", "continue") == Outcome(sco="closing")
    assert _go(tree, "case-1", "previous") == Outcome(sco="welcome")
    # Going back into a cluster arrives at its last part, unless it goes forward only: then
    # at its first.
    assert _go(tree, "practice", "previous") == Outcome(sco="case-2")
    assert _go(tree, "closing", "previous") == Outcome(sco="exam-1")
    # Inside a forward-only cluster, going back is refused, even from its first part.
    assert "only goes forward" in _refused(tree, "exam-2", "previous")
    assert "only goes forward" in _refused(tree, "exam-1", "previous")


def test_a_cluster_that_does_not_flow_cannot_be_entered_by_continue() -> None:
    tree = _tree(
        crafting.sequenced(
            _controls(flow="true"),
            _item("welcome") + _item("cases", _item("case-1") + _item("case-2")),
        )
    )
    assert "one after another" in _refused(tree, "welcome", "continue")
    assert "one after another" in _refused(tree, "case-1", "continue")
    assert _go(tree, "welcome", "{target=case-2}choice") == Outcome(sco="case-2")


def test_choice_exit_off_keeps_the_learner_inside_the_cluster_until_it_is_done() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true"), NESTED))
    assert "cannot leave" in _refused(tree, "case-1", "{target=closing}choice")
    assert _go(tree, "case-1", "{target=case-2}choice") == Outcome(sco="case-2")
    # Flowing out of it is still allowed, and choosing into it from outside.
    assert _go(tree, "case-2", "continue") == Outcome(sco="practice")
    assert _go(tree, "closing", "{target=case-1}choice") == Outcome(sco="case-1")
    assert navigation.choices(tree, "case-1").choice == ["cases", "case-1", "case-2"]


def test_choosing_a_cluster_opens_its_first_part_and_a_jump_ignores_the_controls() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true", choice="false"), NESTED))
    assert "choose" in _refused(tree, "welcome", "{target=exam}choice")
    assert _go(tree, "case-1", "{target=closing}jump") == Outcome(sco="closing")
    assert "no such part" in _refused(tree, "welcome", "{target=exam}jump")
    free = _tree(crafting.sequenced(_controls(flow="true"), NESTED))
    assert _go(free, "welcome", "{target=exam}choice") == Outcome(sco="exam-1")


def test_the_sequencing_collection_is_applied_under_the_items_own_controls() -> None:
    shared = '<imsss:sequencing ID="linear"><imsss:controlMode flow="true" choice="false"/>'
    shared += "</imsss:sequencing>"
    own = '<imsss:sequencing IDRef="linear"><imsss:controlMode choice="true"/></imsss:sequencing>'
    tree = _tree(crafting.sequenced(own, FLAT, collection=shared))
    assert _go(tree, "intro", "continue") == Outcome(sco="body")
    assert _go(tree, "intro", "{target=quiz}choice") == Outcome(sco="quiz")


@pytest.mark.parametrize("request_name", ["exit", "exitAll", "suspendAll", "abandon", "abandonAll"])
def test_the_leaving_requests_take_the_learner_back_to_the_lesson(request_name: str) -> None:
    tree = _tree(crafting.sequenced("", FLAT))
    assert _go(tree, "body", request_name) == Outcome(leave=True)


def test_the_choices_answer_request_valid_truthfully() -> None:
    tree = _tree(crafting.sequenced(_controls(flow="true"), FLAT))
    first = navigation.choices(tree, "intro")
    assert (first.can_continue, first.can_go_back) == (True, False)
    assert (first.next_sco, first.previous_sco) == ("body", "")
    assert first.as_json() == {
        "continue": True,
        "previous": False,
        "choice": ["intro", "body", "quiz"],
        "jump": ["intro", "body", "quiz"],
    }
    last = navigation.choices(tree, "quiz")
    # Continue from the last part is valid (it ends the session) but leads to no part.
    assert (last.can_continue, last.next_sco, last.previous_sco) == (True, "", "body")


def test_scorm_12_has_no_sequencing_so_its_parts_follow_freely() -> None:
    tree = _tree(crafting.scorm_12())
    assert tree.scos == ["moments"]
    assert _go(tree, "moments", "continue") == Outcome(leave=True)
    assert _go(tree, "moments", "{target=moments}choice") == Outcome(sco="moments")


def test_a_package_imported_before_its_tree_was_kept_falls_back_to_one_level() -> None:
    summary: dict[str, Any] = {
        "launchables": [
            {"identifier": "a", "launch": "a.html"},
            {"identifier": "b", "launch": "b.html"},
        ]
    }
    tree = navigation.tree_of(Package(kind=Package.Kind.SCORM_2004, summary=summary))
    assert tree.scos == ["a", "b"]
    assert _go(tree, "a", "{target=b}choice") == Outcome(sco="b")
    assert "one after another" in _refused(tree, "a", "continue")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sideways",
        "choice",
        "{target=}choice",
        "{target=a b}choice",
        "{target=x}start",
        "_none_",
        "x" * 301,
        "{target=" + "x" * 300 + "}choice",
        None,
        42,
        ["continue"],
    ],
)
def test_what_is_not_a_navigation_request_is_refused_as_bad_input(text: Any) -> None:
    with pytest.raises(ValidationFailed) as refusal:
        navigation.parse(text)
    assert refusal.value.code == "invalid_input"


def test_targeted_requests_are_read_from_the_run_times_vocabulary() -> None:
    assert navigation.parse("{target=case-1}choice") == Request("choice", "case-1")
    assert navigation.parse("{target=case-1}jump") == Request("jump", "case-1")
    assert navigation.parse("suspendAll") == Request("suspendAll")
