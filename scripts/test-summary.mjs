// Prints vitest's JSON report as one plain closing line, "N passed, N failed, N skipped",
// and fails when no test ran at all (a run that tests nothing must not look green).
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
if (r.numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
process.exit(r.numFailedTests > 0 || r.success === false ? 1 : 0);
