import { readFileSync } from 'node:fs';

/**
 * Adds up vitest JSON reports and prints the closing line CI reads: "N passed, N failed, N skipped".
 * Exits non-zero when a report is missing, a test failed, or no test ran.
 */
type Report = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const files = process.argv.slice(2);
for (const file of files) {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch {
    console.error(`test-summary: no report at ${file}`);
    process.exitCode = 1;
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (!report.success) process.exitCode = 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
