"""Verb and activity-type IRIs (ADL vocabulary and the cmi5 profile)."""

ADL = "http://adlnet.gov/expapi/verbs/"

VERB_REGISTERED = ADL + "registered"
VERB_LAUNCHED = ADL + "launched"
VERB_PROGRESSED = ADL + "progressed"
VERB_COMPLETED = ADL + "completed"
VERB_EXITED = ADL + "exited"
VERB_EXPERIENCED = ADL + "experienced"
VERB_ATTENDED = ADL + "attended"
VERB_ANSWERED = ADL + "answered"
VERB_PASSED = ADL + "passed"
VERB_FAILED = ADL + "failed"
VERB_EARNED = "http://id.tincanapi.com/verb/earned"
VERB_SCORED = ADL + "scored"

# How each verb the platform records reads in English (the tag says so: "en-US").
VERB_DISPLAY = {
    VERB_REGISTERED: "registered",
    VERB_LAUNCHED: "launched",
    VERB_PROGRESSED: "progressed",
    VERB_COMPLETED: "completed",
    VERB_EXITED: "exited",
    VERB_EXPERIENCED: "experienced",
    VERB_ATTENDED: "attended",
    VERB_ANSWERED: "answered",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
    VERB_EARNED: "earned",
    VERB_SCORED: "scored",
}

ACTIVITY_COURSE = "http://adlnet.gov/expapi/activities/course"
ACTIVITY_MODULE = "http://adlnet.gov/expapi/activities/module"
ACTIVITY_LESSON = "http://adlnet.gov/expapi/activities/lesson"
ACTIVITY_PLATFORM = "http://id.tincanapi.com/activitytype/lms"

EXTENSION_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
