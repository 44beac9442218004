"""Praxis as an LTI 1.3 tool: learning platforms (Moodle, Canvas…) registered with Praxis
launch its courses, and the learner's progress goes back to their gradebook."""
