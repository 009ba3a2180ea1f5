/**
 * The SMTP probe against peers that misbehave: each yields a distinct {stage, code} within its
 * deadline, never a hang and never an exception; the whole probe stays within its budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSmtpProber, PROBE_BUDGET_FACTOR } from '../../src/net/smtp-probe.js';
import { type SmtpBehaviour, type SmtpServerHandle, startSmtpServer } from '../harness/smtp-servers.js';

/** Own address block, ephemeral ports: no clash with other test files running alongside. */
const ADDRESS = '127.0.3.2';
const TIMEOUT_SECONDS = 1;
const SLACK_MS = 500;

const servers = new Map<SmtpBehaviour, SmtpServerHandle>();
const BEHAVIOURS: SmtpBehaviour[] = [
  'no-banner',
  'endless-line',
  'endless-reply',
  'reject-banner',
  'reject-ehlo',
  'tempfail-ehlo',
  'reject-starttls',
  'drop-after-starttls',
  'stall-after-starttls',
  'drop-on-connect',
  'slow',
];

beforeAll(async () => {
  for (const behaviour of BEHAVIOURS) {
    servers.set(
      behaviour,
      await startSmtpServer({
        address: ADDRESS,
        port: 0,
        hostname: 'mx.hostile.test',
        behaviour,
        delayMs: 800,
      }),
    );
  }
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

function probe(behaviour: SmtpBehaviour) {
  const server = servers.get(behaviour);
  if (!server) throw new Error(`no server for ${behaviour}`);
  return new NodeSmtpProber({ port: server.port, timeoutSeconds: TIMEOUT_SECONDS }).probe(
    'mx.hostile.test',
    ADDRESS,
  );
}

describe('hostile peers give distinct errors', () => {
  it.each([
    // [behaviour, stage, code, starttlsOffered, minimum ms (a timeout really waited)]
    ['no-banner', 'banner', 'timeout-banner', null, 1000],
    ['endless-line', 'banner', 'line-too-long', null, 0],
    ['endless-reply', 'banner', 'reply-too-long', null, 0],
    ['reject-banner', 'banner', 'banner-rejected', null, 0],
    // EHLO refused but HELO accepted: plain SMTP works, STARTTLS cannot be offered.
    ['reject-ehlo', 'ehlo', 'ehlo-rejected', false, 0],
    // EHLO and HELO both refused (421): no session at all.
    ['tempfail-ehlo', 'ehlo', 'ehlo-rejected', null, 0],
    ['reject-starttls', 'starttls', 'starttls-rejected', true, 0],
    ['drop-after-starttls', 'tls', 'connection-closed', true, 0],
    ['stall-after-starttls', 'tls', 'timeout-tls', true, 1000],
    ['drop-on-connect', 'banner', 'connection-closed', null, 0],
  ] as const)('%s → %s/%s', async (behaviour, stage, code, starttlsOffered, minMs) => {
    const obs = await probe(behaviour);
    expect(obs.connected).toBe(true);
    expect(obs.error).toMatchObject({ stage, code });
    expect(obs.starttlsOffered).toBe(starttlsOffered);
    expect(obs.tls).toBeNull();
    expect(obs.ms).toBeGreaterThanOrEqual(minMs);
    expect(obs.ms).toBeLessThan(TIMEOUT_SECONDS * 1000 + SLACK_MS);
  });

  it('a refused connection is ECONNREFUSED at connect', async () => {
    // Port 1 on our own loopback address: nothing listens there.
    const obs = await new NodeSmtpProber({ port: 1, timeoutSeconds: TIMEOUT_SECONDS }).probe(
      'mx.closed.test',
      ADDRESS,
    );
    expect(obs).toMatchObject({ connected: false, error: { stage: 'connect', code: 'ECONNREFUSED' } });
  });

  it('the error messages say what the server answered', async () => {
    expect((await probe('reject-starttls')).error?.message).toMatch(/454 TLS not available/);
    expect((await probe('reject-ehlo')).error?.message).toMatch(/EHLO answered 550.*HELO answered 250/);
  });
});

describe('time bounds', () => {
  it('a peer that answers every step just inside the step deadline is cut at the probe budget', async () => {
    // 'slow' answers each reply 800 ms late: banner, EHLO, STARTTLS would each pass a 1 s step
    // deadline, then TLS never starts; the budget (PROBE_BUDGET_FACTOR × timeout) ends it.
    const obs = await probe('slow');
    expect(obs.error?.code).toMatch(/^timeout-/);
    expect(obs.ms).toBeGreaterThanOrEqual(PROBE_BUDGET_FACTOR * TIMEOUT_SECONDS * 1000 - 50);
    expect(obs.ms).toBeLessThan(PROBE_BUDGET_FACTOR * TIMEOUT_SECONDS * 1000 + SLACK_MS);
  });

  it('a stalled MX probed in parallel with others finishes within 3 × timeout', async () => {
    const started = Date.now();
    const all = await Promise.all([probe('no-banner'), probe('stall-after-starttls'), probe('slow')]);
    expect(all.every((o) => o.error !== null)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3 * TIMEOUT_SECONDS * 1000);
  });
});
