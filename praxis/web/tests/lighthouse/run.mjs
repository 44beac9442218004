// Runs Lighthouse (its default, mobile configuration) on a list of pages in one Chromium, one page
// after another, each in a fresh browser context (no cache, only the cookies given), and prints
// what the quality-gate test needs as JSON.
//
// Reads from standard input: {"chrome": path, "categories": [...], "pages": [{"name", "url",
// "cookies": {name: value}}]}. Prints: [{"name", "url", "finalUrl": the address shown after any
// redirect, "scores": {category: 0..100}, "failing": {category: [{"id", "title", "score",
// "value", "items"}]}, "bytes": bytes transferred, "error": why Lighthouse could not measure the
// page, or null}].
import { readFileSync } from "node:fs";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const request = JSON.parse(readFileSync(0, "utf-8"));

// Lighthouse's mobile defaults, except that the pages are small and make no late requests: the
// waits for a quiet network and main thread are halved, which keeps the whole run short.
const config = {
  extends: "lighthouse:default",
  settings: {
    onlyCategories: request.categories,
    // The page's weight is audited whatever the categories asked for.
    onlyAudits: ["total-byte-weight"],
    pauseAfterFcpMs: 500,
    pauseAfterLoadMs: 500,
    networkQuietThresholdMs: 500,
    cpuQuietThresholdMs: 500,
    // Neither counts towards a score, and each costs seconds a page.
    disableFullPageScreenshot: true,
    skipAudits: ["bf-cache"],
  },
};

// Where a failing audit points: a few elements or URLs, enough to find the cause.
function items(audit) {
  const found = audit.details?.items ?? [];
  return found.slice(0, 4).map((item) => {
    const where = item.node?.selector ?? item.url ?? item.source?.url ?? item.description;
    return typeof where === "string" ? where.slice(0, 160) : JSON.stringify(item).slice(0, 160);
  });
}

function summary(page, lhr) {
  const scores = {};
  const failing = {};
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    failing[id] = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => ({
        id: audit.id,
        title: audit.title,
        score: audit.score,
        value: audit.displayValue ?? "",
        items: items(audit),
      }));
  }
  return {
    name: page.name,
    url: page.url,
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    failing,
    bytes: lhr.audits["total-byte-weight"]?.numericValue ?? null,
    error: lhr.runtimeError?.message ?? null,
  };
}

async function measure(browser, page) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const cookies = Object.entries(page.cookies ?? {}).map(([name, value]) => ({
      name,
      value,
      url: page.url,
    }));
    if (cookies.length) await tab.setCookie(...cookies);
    const run = await lighthouse(page.url, { output: "json", logLevel: "error" }, config, tab);
    return run.lhr;
  } finally {
    await context.close();
  }
}

const browser = await puppeteer.launch({
  executablePath: request.chrome,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic"],
});
const results = [];
try {
  for (const page of request.pages) {
    let lhr = await measure(browser, page);
    // A trace Chromium failed to record is Lighthouse's own failure, and it asks to be run again.
    if (lhr.runtimeError) lhr = await measure(browser, page);
    results.push(summary(page, lhr));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
