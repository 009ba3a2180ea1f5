/**
 * MX family (RFC 8461 §4, RFC 7505, RFC 8460 result types): are the MX records covered by the
 * policy, and does each MX give a sender applying it a valid TLS session? One finding per MX per
 * rule, naming the addresses that showed it; severity by the mode senders apply.
 */
import { certificateSummary, sessionResultType, tlsProblems, type TlsProblem } from '../certificate.js';
import { finding, type Finding, type ResultType, type RuleId } from '../findings.js';
import type { DomainObservation, MxRecord, SmtpObservation } from '../observation.js';
import { normalizeHost, policyCoversMx, mxPatternMatches } from '../policy.js';
import { isRunnerNetworkError } from '../runner-network.js';
import type { DomainResult, MxResult, MxTlsResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';
import { dnsLookupFailed } from './dns-lookup.js';

/** Failures that end the session before STARTTLS could even be asked for. */
const NO_SESSION_STAGES = new Set(['dns', 'connect', 'banner', 'ehlo']);

interface Collected {
  rule: RuleId;
  resultType?: ResultType;
  message: string;
  addresses: string[];
  /** Overrides the catalogue remediation when the cause is known. */
  remediation?: string;
}

/** Judges the MX records and probes of one domain, and fills `out.mx`. */
export function judgeMx(
  e: DomainEvidence,
  s: JudgementSettings,
  v: PolicyVerdict,
  out: DomainResult,
): Finding[] {
  const observation = e.observation;
  if (!observation) return [];
  const findings: Finding[] = [];
  const add = (
    rule: RuleId,
    subject: string | undefined,
    message: string,
    resultType?: ResultType,
    remediation?: string,
  ): void => {
    findings.push(
      finding(rule, v.mode, {
        domain: e.domain,
        message,
        ...(subject !== undefined ? { subject } : {}),
        ...(resultType ? { resultType } : {}),
        ...(remediation ? { remediation } : {}),
      }),
    );
  };

  const answer = observation.mx;
  if (answer.kind === 'nxdomain' || answer.kind === 'nodata') {
    // No implicit MX (RFC 5321 §5.1 fallback to the A record) is probed: DESIGN.md.
    if (publishesMtaSts(observation, v)) {
      add('mx-missing', e.domain, `${e.domain} has no MX records (${answer.kind.toUpperCase()})`);
    }
    return findings;
  }
  if (answer.kind === 'error') {
    // Not "no MX" and not an unreachable MX: the lookup failed (after retries), so no MX was judged.
    findings.push(dnsLookupFailed(e.domain, e.domain, 'MX', answer.error, 'no MX was judged', v.mode));
    return findings;
  }

  const { nullMx, hosts } = mxHosts(answer.records);
  if (nullMx) {
    // RFC 7505 §3: a null MX is the only MX; it declares that the domain receives no mail.
    add('mx-null', e.domain, `${e.domain} publishes a null MX (RFC 7505): it receives no mail`);
    if (hosts.length === 0) return findings;
  }

  const policy = v.policy;
  if (policy) {
    for (const pattern of policy.mx) {
      if (!hosts.some((mx) => mxPatternMatches(pattern, mx.exchange))) {
        add(
          'policy-mx-unmatched',
          pattern.raw,
          `policy pattern mx: ${pattern.raw} matches none of the MX records`,
        );
      }
    }
  }

  for (const mx of hosts) {
    const host = mx.exchange;
    const matchesPolicy = policy ? policyCoversMx(policy, host) : null;
    if (matchesPolicy === false) {
      add(
        'mx-not-in-policy',
        host,
        `MX ${host} matches no mx pattern of the policy (${policy?.mx.map((p) => p.raw).join(', ')})`,
      );
    }
    const addressAnswer = observation.mxAddresses[host];
    const addresses = addressAnswer?.kind === 'records' ? addressAnswer.records : [];
    const probes = observation.smtp.filter((p) => normalizeHost(p.host) === host);
    const result: MxResult = {
      host,
      preference: mx.preference,
      addresses,
      matchesPolicy,
      tls: null,
      error: null,
    };
    out.mx.push(result);
    if (s.smtpProbe === 'off' || s.offline) continue;

    if (addressAnswer?.kind === 'error') {
      result.error = `address lookup failed: ${addressAnswer.error}`;
      findings.push(
        dnsLookupFailed(e.domain, host, 'A/AAAA', addressAnswer.error, 'this MX was not probed', v.mode),
      );
      continue;
    }
    if (addressAnswer && addressAnswer.kind !== 'records') {
      const why = addressAnswer.kind.toUpperCase();
      result.error = `no address: ${why}`;
      add(
        'mx-unreachable',
        host,
        `MX ${host} has no address to connect to (${why})`,
        undefined,
        `Publish an A or AAAA record for ${host}, or point the MX at a host that has one.`,
      );
      continue;
    }
    for (const problem of judgeProbes(host, probes, s, result)) {
      const on =
        problem.addresses.length > 1 || probes.length > 1 ? ` (on ${problem.addresses.join(', ')})` : '';
      add(problem.rule, host, `${problem.message}${on}`, problem.resultType, problem.remediation);
    }
  }
  return findings;
}

/** True when the domain publishes MTA-STS: a `v=STSv1` record or a policy senders apply. */
function publishesMtaSts(observation: DomainObservation, v: PolicyVerdict): boolean {
  if (v.policy) return true;
  const txt = observation.stsTxt;
  return txt.kind === 'records' && txt.records.some((r) => /^v=STSv1(;|\s|$)/.test(r));
}

/** Normalised, de-duplicated MX hosts by preference; a `.` (or empty) exchange is RFC 7505's null MX. */
function mxHosts(records: MxRecord[]): { nullMx: boolean; hosts: MxRecord[] } {
  const seen = new Map<string, MxRecord>();
  let nullMx = false;
  for (const record of records) {
    const exchange = normalizeHost(record.exchange);
    if (exchange === '') {
      nullMx = true;
      continue;
    }
    const known = seen.get(exchange);
    if (!known || record.preference < known.preference)
      seen.set(exchange, { exchange, preference: record.preference });
  }
  const hosts = [...seen.values()].sort(
    (a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange),
  );
  return { nullMx, hosts };
}

/** Problems of every probe of one MX, merged per rule; fills the MX's tls/error in `result`. */
function judgeProbes(
  host: string,
  probes: SmtpObservation[],
  s: JudgementSettings,
  result: MxResult,
): Collected[] {
  const byRule = new Map<RuleId, Collected>();
  const collect = (address: string, problem: TlsProblem): void => {
    const known = byRule.get(problem.rule);
    if (known) known.addresses.push(address);
    else byRule.set(problem.rule, { ...problem, addresses: [address] });
  };
  const unreachable: { address: string; text: string; tls: boolean; stage: string; code: string }[] = [];
  const settings = { now: s.now, certExpiryWarningDays: s.certExpiryWarningDays };

  for (const probe of probes) {
    const error = probe.error;
    if (error?.stage === 'connect' && isRunnerNetworkError(error.code)) {
      result.error ??= `${probe.address}: not judged, this runner has no route to it (${error.code})`;
      continue;
    }
    if (error && !result.error)
      result.error = `${probe.address}: ${error.stage} ${error.code}: ${error.message}`;
    if (error && (error.stage === 'starttls' || probe.starttlsOffered === false)) {
      // STARTTLS advertised but refused, or EHLO refused while plain SMTP works: no TLS for senders.
      collect(probe.address, {
        rule: 'mx-starttls-unsupported',
        resultType: 'starttls-not-supported',
        message: `${host} gives no TLS session (${error.code}: ${error.message})`,
      });
      result.tls ??= tlsResult(probe.starttlsOffered === true, s, probe, 'starttls-not-supported');
      continue;
    }
    if (error && (NO_SESSION_STAGES.has(error.stage) || error.stage === 'tls')) {
      unreachable.push({
        address: probe.address,
        text: `${probe.address} (${error.stage}: ${error.code})`,
        tls: error.stage === 'tls',
        stage: error.stage,
        code: error.code,
      });
      // A failed handshake is what a sender reports as a validation failure.
      if (error.stage === 'tls') result.tls ??= tlsResult(true, s, probe, 'validation-failure');
      continue;
    }
    const problems = tlsProblems({ host, starttlsOffered: probe.starttlsOffered, tls: probe.tls }, settings);
    for (const problem of problems) collect(probe.address, problem);
    if (probe.starttlsOffered !== null && !result.tls?.certificate) {
      result.tls = tlsResult(probe.starttlsOffered, s, probe, sessionResultType(problems));
    }
  }

  if (unreachable.length) {
    // One mx-unreachable per MX, naming every address that failed and how.
    byRule.set('mx-unreachable', {
      rule: 'mx-unreachable',
      ...(unreachable.some((u) => u.tls) ? { resultType: 'validation-failure' as const } : {}),
      message: `no SMTP session with ${host}: ${unreachable.map((u) => u.text).join(', ')}`,
      addresses: unreachable.map((u) => u.address),
      remediation: [...new Set(unreachable.map((u) => unreachableRemediation(u.stage, u.code)))].join(' '),
    });
  }
  return [...byRule.values()];
}

/** Issue 10: the fix follows the cause (refused, timed out, no greeting, failed handshake). */
function unreachableRemediation(stage: string, code: string): string {
  if (stage === 'tls')
    return 'The TLS handshake after STARTTLS failed: check the certificate, key and TLS versions of the MX (`openssl s_client -starttls smtp -connect <mx>:25`).';
  if (stage === 'banner' || stage === 'ehlo')
    return 'The MX accepted the connection but did not complete the SMTP greeting: check the mail server, and any proxy or load balancer in front of it.';
  if (code === 'ECONNREFUSED')
    return 'Nothing listens on the SMTP port there: make the MX listen on port 25 on every address its name resolves to, or remove the address from DNS.';
  if (/timeout|ETIMEDOUT/i.test(code))
    return 'Connections to port 25 time out: check that no firewall or security group in front of the MX drops inbound TCP port 25, or remove the address from DNS.';
  return 'Make the MX accept SMTP connections on port 25 on every address its name resolves to, or remove the address from DNS.';
}

function tlsResult(
  starttls: boolean,
  s: JudgementSettings,
  probe: SmtpObservation,
  resultType: ResultType | null,
): MxTlsResult {
  const leaf = probe.tls?.chain[0];
  return {
    starttls,
    version: probe.tls?.version ?? null,
    cipher: probe.tls?.cipher ?? null,
    resultType,
    certificate: leaf ? certificateSummary(leaf, s.now) : null,
  };
}
