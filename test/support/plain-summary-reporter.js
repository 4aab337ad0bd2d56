// Jest reporter that ends the run with one plain line, `tests: N passed, N failed, N skipped`, which CI
// systems that do not parse jest's own summary can read. Printed at process exit, after jest's summary.
export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
