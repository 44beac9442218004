// The browser the cmi5 LMS test suite drives: Debian's Chromium, headless, without the
// sandbox (which containers and CI runners often cannot give).
module.exports = {
    launch: {
        headless: true,
        executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-dev-shm-usage"]
    }
};
