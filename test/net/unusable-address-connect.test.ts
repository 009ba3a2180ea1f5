/**
 * Issue 9 class 1, defence in depth: even when handed an address no sender can use (observe.ts
 * never does), the adapters end with a connect error as data. Before the fix the policy fetcher's
 * synchronous lookup made tls.connect throw and lose a socket whose ENETUNREACH 'error' event had
 * no listener, which ended the process (vitest fails a file on such an uncaught error).
 */
import { describe, expect, it } from 'vitest';
import { HttpPolicyFetcher } from '../../src/net/policy-fetch.js';
import { NodeSmtpProber } from '../../src/net/smtp-probe.js';

const PORT = Number(process.env['MTA_STS_GUARD_TEST_POLICY_PORT'] ?? 8443);

describe('adapters on unroutable addresses', () => {
  it.each(['255.255.255.255', '224.0.0.1', 'ff02::1'])('%s: a connect error, no crash', async (address) => {
    const fetch = await new HttpPolicyFetcher({ port: PORT, timeoutSeconds: 2 }).fetch('x.test', address);
    expect(fetch.error?.code).toBe('connect');
    expect(fetch.error?.message).toMatch(/ENETUNREACH|EINVAL|EADDRNOTAVAIL/);
    const probe = await new NodeSmtpProber({ port: PORT, timeoutSeconds: 2 }).probe(
      'mx.x.test',
      address,
      undefined,
    );
    expect(probe.error?.stage).toBe('connect');
    // Give a lost socket's late 'error' event the time to surface as an uncaught error.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
