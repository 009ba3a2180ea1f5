/**
 * What `npm run demo` needs from the TypeScript test harness, as one entry point that
 * scripts/demo.mjs bundles with esbuild into a temporary folder at start-up (the harness is
 * TypeScript and the demo is plain Node, without a TypeScript loader).
 */
export { createTestCa } from '../../test/harness/pki.js';
export { policyText, startWorld } from '../../test/harness/world.js';
export type { WorldDomain } from '../../test/harness/world.js';
