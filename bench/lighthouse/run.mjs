// Lighthouse, several runs against several pages in one Chromium, interleaved round by round,
// after `warmup` unrecorded runs of the first job.
//   node run.mjs JOBS.json RESULT.json
// JOBS.json: {"jobs": [{"name", "url", "preset": "mobile"|"desktop"}], "runs", "warmup",
//             "chromeFlags": [...]}; Chromium is CHROME_PATH. Writes, per job, one summary per
// recorded run: category scores (0-100), the main metrics, the audits that lost points (with up
// to five of the elements that failed each), main-thread time by kind and the long tasks.
import fs from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
  'cumulative-layout-shift', 'speed-index', 'total-byte-weight'];

function summary(lhr) {
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((lhr.categories[id].score ?? 0) * 100)]));
  const metrics = Object.fromEntries(
    METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? null]));
  const lost = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const nodes = (audit.details?.items ?? [])
          .map((item) => item.node?.selector).filter(Boolean).slice(0, 5);
        lost.push({category: id, audit: ref.id, score: audit.score, title: audit.title,
          value: audit.displayValue ?? null, nodes});
      }
    }
  }
  const mainThread = {'Style & Layout': 0, 'Script Evaluation': 0, ...Object.fromEntries(
    (lhr.audits['mainthread-work-breakdown']?.details?.items ?? [])
      .map((item) => [item.groupLabel, item.duration]))};
  const longTasks = (lhr.audits['long-tasks']?.details?.items ?? [])
    .map((item) => ({url: item.url, duration: item.duration}));
  return {scores, metrics, lost, mainThread, longTasks, warnings: lhr.runWarnings,
    error: lhr.runtimeError ?? null};
}

const [jobsFile, resultFile] = process.argv.slice(2);
const {jobs, runs, warmup, chromeFlags} = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags});
const results = Object.fromEntries(jobs.map((job) => [job.name, []]));

async function audit(job) {
  const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES};
  const result = await lighthouse(job.url, flags,
    job.preset === 'desktop' ? desktopConfig : undefined);
  return summary(result.lhr);
}

try {
  // Warm-up: the first job only, unrecorded (Chromium's and the server's first load).
  for (let run = 0; run < warmup; run++) await audit(jobs[0]);
  for (let round = 0; round < runs; round++) {
    const shift = round % jobs.length;
    for (const job of [...jobs.slice(shift), ...jobs.slice(0, shift)]) {
      results[job.name].push(await audit(job));
    }
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(resultFile, JSON.stringify(results, null, 1));
