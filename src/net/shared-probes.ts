/**
 * One SMTP session per MX address per run (issue 11 "reuse what recurs"): many domains share
 * their MX hosts (a provider's mx1/mx2 serve thousands), and the facts of a session with
 * host H at address A do not depend on which domain named H. As DNS answers are asked once per
 * run (dns.ts), so is each (host, address) probed once; domains checked at the same time share
 * the session in flight. Every caller gets the same observation, deeply frozen so that no
 * domain can change what another sees; only `host` is the caller's own spelling. Sharing, not
 * copying, keeps one set of certificate strings per session instead of one per domain
 * (issue 11 item 4, memory).
 */
import type { SmtpObservation } from '../core/observation.js';
import type { SmtpProber } from '../ports.js';

export class SharedSmtpProbes implements SmtpProber {
  private readonly sessions = new Map<string, Promise<SmtpObservation>>();

  constructor(private readonly inner: SmtpProber) {}

  async probe(host: string, address: string, deadline?: number): Promise<SmtpObservation> {
    const key = `${host.replace(/\.$/, '').toLowerCase()} ${address}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.inner.probe(host, address, deadline).then(deepFreeze);
      this.sessions.set(key, session);
    }
    return { ...(await session), host };
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
