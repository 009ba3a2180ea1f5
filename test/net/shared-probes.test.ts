/** One SMTP session per (host, address) per run, shared by the domains that name the host. */
import { describe, expect, it } from 'vitest';
import type { SmtpObservation } from '../../src/core/observation.js';
import { SharedSmtpProbes } from '../../src/net/shared-probes.js';
import type { SmtpProber } from '../../src/ports.js';

function observation(host: string, address: string): SmtpObservation {
  return {
    host,
    address,
    port: 25,
    connected: true,
    banner: '220 hi',
    extensions: ['STARTTLS'],
    starttlsOffered: true,
    tls: null,
    error: null,
    ms: 5,
  };
}

describe('SharedSmtpProbes', () => {
  it('probes each host and address once, in flight or done, and hands out one frozen observation that no caller can change', async () => {
    const calls: string[] = [];
    const inner: SmtpProber = {
      probe: async (host, address) => {
        calls.push(`${host} ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return observation(host, address);
      },
    };
    const shared = new SharedSmtpProbes(inner);
    const [a, b] = await Promise.all([
      shared.probe('mx1.example.test', '127.0.0.1'),
      shared.probe('MX1.example.test.', '127.0.0.1'),
    ]);
    const c = await shared.probe('mx1.example.test', '127.0.0.2');
    const d = await shared.probe('mx2.example.test', '127.0.0.1');
    expect(calls).toEqual([
      'mx1.example.test 127.0.0.1',
      'mx1.example.test 127.0.0.2',
      'mx2.example.test 127.0.0.1',
    ]);
    expect(a).toEqual(observation('mx1.example.test', '127.0.0.1'));
    expect(b.host).toBe('MX1.example.test.');
    expect(() => a.extensions.push('CHANGED')).toThrow(TypeError);
    a.host = 'mine.example.test'; // the caller's own field
    const again = await shared.probe('mx1.example.test', '127.0.0.1');
    expect([again.host, again.extensions]).toEqual(['mx1.example.test', ['STARTTLS']]);
    expect([c.address, d.host]).toEqual(['127.0.0.2', 'mx2.example.test']);
  });
});
