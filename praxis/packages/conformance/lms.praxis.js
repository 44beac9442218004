// Praxis as the LMS for the cmi5 LMS test suite: the suite loads this file as its LMS
// library (copied to lib/lms.custom.js) and calls it to import courses, get launch URLs,
// waive AUs and abandon sessions through Praxis's cmi5 conformance API.
//
// It reads from the environment:
//   PRAXIS_URL        the site, e.g. http://127.0.0.1:8220
//   PRAXIS_API_TOKEN  a staff member's API token
//   LRS_KEY, LRS_SECRET  an LRS credential that reads every statement
"use strict";

// The suite's own request library and error type, beside this file once it is copied there.
const Wreck = require("@hapi/wreck"),
    {InvalidPackageError} = require("./errors");

// The refusals of a package that break the cmi5 specification (every other one is a fault).
const PACKAGE_CODES = new Set([
    "package_not_a_zip",
    "package_unsafe_path",
    "package_symlink",
    "package_manifest_invalid",
    "package_unknown_kind",
    "package_launch_outside",
    "package_launch_missing",
    "package_nothing_to_launch"
]);

const imported = [];
let site = "";
let token = "";

const api = async (method, path, {body, contentType = "application/json", fileName} = {}) => {
    const headers = {Authorization: `Bearer ${token}`};
    if (body !== undefined) {
        headers["Content-Type"] = contentType;
    }
    if (fileName) {
        headers["X-File-Name"] = fileName;
    }
    const response = await Wreck.request(method, `${site}/api/v1/cmi5-conformance/${path}`, {
        headers,
        payload: body === undefined || Buffer.isBuffer(body) ? body : JSON.stringify(body)
    });
    const text = (await Wreck.read(response)).toString();
    const answer = text ? JSON.parse(text) : null;
    if (response.statusCode >= 300) {
        const error = (answer && answer.error) || {};
        const failure = new Error(`${method} ${path}: ${response.statusCode} ${error.code} ${error.message}`);
        failure.code = error.code;
        throw failure;
    }
    return answer;
};

const read = async (stream) => {
    const parts = [];
    for await (const part of stream) {
        parts.push(part);
    }
    return Buffer.concat(parts);
};

module.exports = {
    setup: async () => {
        site = (process.env.PRAXIS_URL || "").replace(/\/+$/, "");
        token = process.env.PRAXIS_API_TOKEN || "";
        if (!site || !token) {
            throw new Error("PRAXIS_URL and PRAXIS_API_TOKEN must be set");
        }
    },

    teardown: async () => {},

    getLrsEndpoint: () => `${site}/xapi`,

    getLrsAuthHeader: () => "Basic " + Buffer.from(`${process.env.LRS_KEY}:${process.env.LRS_SECRET}`).toString("base64"),

    importCourse: async (stream, contentType, fileName) => {
        let course;
        try {
            course = await api("POST", "courses", {body: await read(stream), contentType, fileName});
        }
        catch (error) {
            if (PACKAGE_CODES.has(error.code)) {
                throw new InvalidPackageError(`${fileName}: ${error.message}`);
            }
            throw error;
        }
        imported.push(course.id);
        return course.id;
    },

    getLaunchUrl: async (courseId, auIndex, actor, {registration, launchMode}) => {
        const body = {actor};
        if (registration) {
            body.registration = registration;
        }
        if (launchMode) {
            body.launchMode = launchMode;
        }
        const answer = await api("POST", `courses/${courseId}/aus/${auIndex}/launch-url`, {body});
        return answer.url;
    },

    cleanup: async () => {
        while (imported.length > 0) {
            await api("DELETE", `courses/${imported.pop()}`);
        }
    },

    hasWaive: () => true,

    waiveAU: async (registration, auIndex, reason) => {
        await api("POST", `registrations/${registration}/aus/${auIndex}/waive`, {body: {reason}});
    },

    hasAbandon: () => true,

    abandonSession: async (sessionId) => {
        await api("POST", `sessions/${sessionId}/abandon`, {body: {}});
    }
};
