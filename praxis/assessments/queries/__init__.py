"""Reading assessments, by subject: attempts (what a learner is served), results (item analysis
and knowledge gain), recommendations (profile and what to learn next), pathways, and contents
(quizzes as a working copy starts from), grades; translations says which member of several in
other languages a reader is shown. This package is assessments' public read entry."""

from praxis.assessments.queries.attempts import (
    AttemptContents,
    ShownOption,
    ShownQuestion,
    attempt_contents,
    attempt_questions,
    attempts_left,
    attempts_of,
    course_quizzes,
    own_attempt,
    seconds_left,
    visible_quiz,
)
from praxis.assessments.queries.contents import (
    alignment_contents,
    counterpart_bank_id,
    quiz_contents,
)
from praxis.assessments.queries.grades import (
    CourseGrades,
    QuizGrade,
    all_grades,
    course_grades,
)
from praxis.assessments.queries.pathways import StepView, pathway_steps, pathways, pathways_for
from praxis.assessments.queries.recommendations import (
    Recommendation,
    course_evidence,
    learner_profile,
    next_steps,
    recommendations,
)
from praxis.assessments.queries.results import (
    KnowledgeGain,
    first_attempt_scores,
    knowledge_gain,
    paired_first_scores,
    pre_post_pairs,
    quiz_analysis,
    summarise_gain,
)

__all__ = [
    "AttemptContents",
    "CourseGrades",
    "KnowledgeGain",
    "QuizGrade",
    "Recommendation",
    "ShownOption",
    "ShownQuestion",
    "StepView",
    "alignment_contents",
    "all_grades",
    "attempt_contents",
    "attempt_questions",
    "attempts_left",
    "attempts_of",
    "counterpart_bank_id",
    "course_evidence",
    "course_grades",
    "course_quizzes",
    "first_attempt_scores",
    "knowledge_gain",
    "learner_profile",
    "next_steps",
    "own_attempt",
    "paired_first_scores",
    "pathway_steps",
    "pathways",
    "pathways_for",
    "pre_post_pairs",
    "quiz_analysis",
    "quiz_contents",
    "recommendations",
    "seconds_left",
    "summarise_gain",
    "visible_quiz",
]
