/** The project's own rule tests use the public tester (`@vigil-scanner/cli/testing`). */
export { collectedSnapshot, gap, ref, resource, RuleTester, ruleTester, snapshotOf, TEST_ACCOUNT, TEST_REGION } from '../../src/api/testing.js';
export type { ExpectedResult, InvalidCase, RuleCases, UnknownCase, ValidCase } from '../../src/api/testing.js';
