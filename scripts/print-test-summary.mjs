// Prints vitest's totals as one plain closing line: "vitest: N passed, N failed, N skipped".
// A test file that fails outside its tests (in a hook, or at import) counts as one failure.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const filesFailedOutsideTests = results.testResults.filter(
  (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
).length;
const failed = results.numFailedTests + filesFailedOutsideTests;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`vitest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
