// Reads the test runners' JSON reports. `jest FILE` fails when PostgreSQL was required but no
// database test passed on it (TestDatabases skips an engine silently when it is not configured).
// `summary JEST PLAYWRIGHT` prints the closing "N passed, N failed" line of the whole run.
const fs = require('node:fs');

const [mode, jestFile, playwrightFile] = process.argv.slice(2);
const jest = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
const assertions = jest.testResults.flatMap(suite => suite.assertionResults);
const passedOn = engine =>
  assertions.filter(
    a => a.status === 'passed' && (a.fullName || a.title).includes(engine),
  ).length;

if (mode === 'jest') {
  const postgres = passedOn('"POSTGRES_');
  const sqlite = passedOn('"SQLITE_');
  console.log(
    `Database tests passed: ${postgres} on PostgreSQL, ${sqlite} on SQLite`,
  );
  const postgresRequired =
    !!process.env.CI || !process.env.BEDROCK_TEST_SKIP_POSTGRES;
  if (sqlite === 0 || (postgresRequired && postgres === 0)) {
    console.error(
      'Database tests did not run on both engines: check BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ' +
        'and that PostgreSQL answers on it.',
    );
    process.exit(1);
  }
} else if (mode === 'summary') {
  let passed = jest.numPassedTests;
  let failed = jest.numFailedTests;
  const playwright = JSON.parse(fs.readFileSync(playwrightFile, 'utf8'));
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  console.log(`\nSummary: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
