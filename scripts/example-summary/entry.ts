/**
 * What scripts/example-summary.mjs needs from the TypeScript test code, bundled by esbuild at
 * start-up: the loopback world of the demo and the GitHub stand-in of the action tests.
 */
export { createTestCa } from '../../test/harness/pki.js';
export { policyText, startWorld } from '../../test/harness/world.js';
export { GitHubStandIn } from '../../test/action/github-stand-in.js';
export { runAction } from '../../test/action/run-action.js';
