"""Moving between a SCORM package's SCOs: the navigation requests of SCORM 2004, decided here.

A SCO asks by setting `adl.nav.request` before it terminates; the player's own Previous, Next
and list of parts ask the same. The activity tree is the default organisation's items in the
manifest's order; each cluster's sequencing control modes (`choice`, `choiceExit`, `flow`,
`forwardOnly`) govern moving among its children, with the standard's defaults where the
manifest says nothing (choice and choiceExit on, flow and forwardOnly off). SCORM 1.2 has no
sequencing: its SCOs are free to be opened in any order, one after another.

What is not here (sequencing and rollup rules, limit conditions, objectives, selection and
randomisation) is listed in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.patterns import client_pattern
from praxis.packages.models import Package

LEAVING = ("exit", "exitAll", "suspendAll", "abandon", "abandonAll")
FLOWING = ("continue", "previous")
TARGETED = client_pattern(r"\{target=(?P<target>[^{}\s]{1,255})\}(?P<request>choice|jump)")
MAX_REQUEST = 300


@dataclass(frozen=True)
class Controls:
    """The sequencing control modes of one cluster (they govern moving among its children)."""

    choice: bool = True
    choice_exit: bool = True
    flow: bool = False
    forward_only: bool = False


FREE = Controls(flow=True)  # SCORM 1.2: no sequencing, the learner goes where they like


@dataclass(frozen=True)
class Request:
    name: str  # continue, previous, choice, jump, exit, exitAll, suspendAll, abandon, abandonAll
    target: str = ""


@dataclass(frozen=True)
class Outcome:
    """Where a valid request leads: a SCO to open, or out of the package (`leave`)."""

    sco: str = ""
    leave: bool = False


def parse(text: Any) -> Request:
    """The navigation request `text` names, in the run-time's vocabulary; refused
    (`invalid_input`) when it is not one."""
    if not isinstance(text, str) or not 0 < len(text) <= MAX_REQUEST:
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("This is not a navigation request."))
    if text in FLOWING or text in LEAVING:
        return Request(text)
    targeted = TARGETED.fullmatch(text)
    if targeted is None:
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("This is not a navigation request."))
    # Both groups take part in every match of the pattern.
    return Request(str(targeted["request"]), str(targeted["target"]))


class NotValid(Conflict):
    """The request is well formed but not valid now; the learner stays where they are."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(ErrorCode.NAVIGATION_NOT_VALID, message)


@dataclass
class Tree:
    """The activity tree: clusters and SCOs, each with its parent, in the manifest's order."""

    root: str
    parent: dict[str, str | None] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    scos: list[str] = field(default_factory=list)
    controls: dict[str, Controls] = field(default_factory=dict)
    default: Controls = Controls()

    def mode(self, activity: str | None) -> Controls:
        return self.default if activity is None else self.controls.get(activity, self.default)

    def ancestors(self, activity: str) -> list[str]:
        """The clusters above `activity`, nearest first."""
        found: list[str] = []
        parent = self.parent.get(activity)
        while parent is not None:
            found.append(parent)
            parent = self.parent.get(parent)
        return found


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def tree_of(package: Package) -> Tree:
    """The activity tree of `package`'s default organisation."""
    scos = package.scos
    first = _strings(scos[0].get("ancestors")) if scos else []
    root = first[0] if first else ""
    tree = Tree(root=root, parent={root: None}, children={root: []})
    if package.kind != Package.Kind.SCORM_2004:
        tree.default = FREE
    for sco in scos:
        identifier = str(sco["identifier"])
        path = _strings(sco.get("ancestors"))
        path = path if path and path[0] == root else [root]
        for upper, lower in zip(path, [*path[1:], identifier], strict=True):
            if lower not in tree.parent:
                tree.parent[lower] = upper
                tree.children.setdefault(upper, []).append(lower)
                tree.children.setdefault(lower, [])
        tree.scos.append(identifier)
    modes = package.summary.get("control_modes") or {}
    for activity, declared in modes.items() if package.kind == Package.Kind.SCORM_2004 else ():
        tree.controls[str(activity)] = Controls(
            choice=bool(declared.get("choice", True)),
            choice_exit=bool(declared.get("choiceExit", True)),
            flow=bool(declared.get("flow", False)),
            forward_only=bool(declared.get("forwardOnly", False)),
        )
    return tree


NO_FLOW = _("This package does not let its parts be followed one after another here.")
FORWARD_ONLY = _("This package only goes forward here.")
AT_START = _("This is the first part: there is nothing before it.")
NO_CHOICE = _("This package does not let you choose this part.")
NO_CHOICE_EXIT = _("This part must be finished in order: you cannot leave it for another.")
UNKNOWN = _("This package has no such part.")


def _enter(tree: Tree, activity: str, *, backward: bool = False) -> str:
    """The SCO where flowing into `activity` arrives: a cluster is entered by its first child
    (by its last when going back, unless it goes forward only)."""
    if not tree.mode(tree.parent.get(activity)).flow:
        raise NotValid(NO_FLOW)
    while tree.children.get(activity):
        mode = tree.mode(activity)
        if not mode.flow:
            raise NotValid(NO_FLOW)
        children = tree.children[activity]
        activity = children[-1] if backward and not mode.forward_only else children[0]
    return activity


def _forward(tree: Tree, current: str) -> str | None:
    """The SCO after `current`, or None when `current` is the last (the session ends)."""
    if not tree.mode(tree.parent.get(current)).flow:
        raise NotValid(NO_FLOW)
    activity = current
    while (parent := tree.parent.get(activity)) is not None:
        siblings = tree.children[parent]
        position = siblings.index(activity)
        if position + 1 < len(siblings):
            return _enter(tree, siblings[position + 1])
        activity = parent
    return None


def _backward(tree: Tree, current: str) -> str:
    mode = tree.mode(tree.parent.get(current))
    if not mode.flow:
        raise NotValid(NO_FLOW)
    activity = current
    while (parent := tree.parent.get(activity)) is not None:
        if tree.mode(parent).forward_only:
            raise NotValid(FORWARD_ONLY)
        siblings = tree.children[parent]
        position = siblings.index(activity)
        if position > 0:
            return _enter(tree, siblings[position - 1], backward=True)
        activity = parent
    raise NotValid(AT_START)


def _choose(tree: Tree, current: str, target: str) -> str:
    if target not in tree.parent or target == tree.root:
        raise NotValid(UNKNOWN)
    ancestors = tree.ancestors(target)
    if not all(tree.mode(cluster).choice for cluster in ancestors):
        raise NotValid(NO_CHOICE)
    # Leaving an activity that may not be left by choice (choiceExit off) is refused, unless
    # the target lies inside it.
    above_target = {target, *ancestors}
    for active in [current, *tree.ancestors(current)]:
        if active in above_target:
            break
        if not tree.mode(active).choice_exit:
            raise NotValid(NO_CHOICE_EXIT)
    if tree.children.get(target):
        return _enter(tree, tree.children[target][0])
    return target


def navigate(tree: Tree, current: str, request: Request) -> Outcome:
    """Where `request`, made from the SCO `current`, leads; `NotValid` when it is not valid
    (nothing changes then)."""
    if current not in tree.scos:
        raise NotValid(UNKNOWN)
    if request.name in LEAVING:
        return Outcome(leave=True)
    if request.name == "continue":
        following = _forward(tree, current)
        return Outcome(sco=following) if following else Outcome(leave=True)
    if request.name == "previous":
        return Outcome(sco=_backward(tree, current))
    if request.name == "jump":
        # A jump ignores the control modes; it may only land on a SCO.
        if request.target not in tree.scos:
            raise NotValid(UNKNOWN)
        return Outcome(sco=request.target)
    return Outcome(sco=_choose(tree, current, request.target))


def _leads_to(tree: Tree, current: str, request: Request) -> Outcome | None:
    try:
        return navigate(tree, current, request)
    except NotValid:
        return None


@dataclass(frozen=True)
class Choices:
    """What the SCO `current` may ask, for `adl.nav.request_valid` and the player's buttons."""

    can_continue: bool
    can_go_back: bool
    next_sco: str  # where Next leads ("" when continuing leaves the package or is not valid)
    previous_sco: str
    choice: list[str]
    jump: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "continue": self.can_continue,
            "previous": self.can_go_back,
            "choice": self.choice,
            "jump": self.jump,
        }


def choices(tree: Tree, current: str) -> Choices:
    """The requests valid from `current`, looked ahead so that each answer is what doing it
    would give."""
    following = _leads_to(tree, current, Request("continue"))
    preceding = _leads_to(tree, current, Request("previous"))
    return Choices(
        can_continue=following is not None,
        can_go_back=preceding is not None,
        next_sco=following.sco if following else "",
        previous_sco=preceding.sco if preceding else "",
        choice=[
            activity
            for activity in tree.parent
            if activity != tree.root
            and _leads_to(tree, current, Request("choice", activity)) is not None
        ],
        jump=list(tree.scos),
    )
