/**
 * Vitest global setup: runs once in the main process before any worker starts. Makes the
 * throwaway CA of this run (test/harness/pki.ts) and exports it to the workers:
 * - NODE_EXTRA_CA_CERTS=<dir>/ca.pem, read by Node at worker start-up, so every TLS client in
 *   the tests (policy fetch, SMTP probe, spawned CLIs) trusts the CA without a `ca` option and
 *   without turning verification off;
 * - MTA_STS_GUARD_TEST_CA_DIR=<dir>, where loadTestCa() finds ca.pem and ca.key.
 * The directory is removed by the returned teardown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CA_DIR_ENV, createTestCa } from './pki.js';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-ca-'));
  const ca = await createTestCa(dir);
  process.env.NODE_EXTRA_CA_CERTS = ca.caFile;
  process.env[TEST_CA_DIR_ENV] = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
