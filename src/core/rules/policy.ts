/**
 * Policy family (RFC 8461 §3.2, §3.3): judges the live policy fetch from every address of the
 * policy host, the policy it serves, and the repository's policy file; decides the mode every other
 * family is judged under.
 *
 * - Live, the served policy governs: its mode when an `_mta-sts` record exists and a clean fetch
 *   returned a valid policy; otherwise null (no record: senders never fetch; fetch failed or
 *   invalid: the mode senders apply is unknown).
 * - Offline, the policy file governs, judged in full with file locations.
 * - Live with a policy file, the file is still judged for syntax (policy-invalid, policy-key-typo)
 *   so a change that breaks the file fails; its semantics are the zones family's business.
 */
import { describeExpiry, expiryDistance } from '../expiry.js';
import { finding, type Finding, type JudgedMode } from '../findings.js';
import { plural } from '../plural.js';
import type { DomainObservation, PolicyFetchObservation } from '../observation.js';
import { selectStsRecord } from '../mta-sts-record.js';
import { parsePolicy, type PolicyParseResult, type StsPolicy } from '../policy.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';
import { fetchAddress, fetchIssues, leafDaysLeft, type FetchIssue } from './policy-fetch.js';
import { judgePolicyText, type PolicySource } from './policy-text.js';
import { isRunnerNetworkError } from '../runner-network.js';
import { dnsLookupFailed } from './dns-lookup.js';

interface CleanFetch {
  fetch: PolicyFetchObservation;
  body: string;
  parsed: PolicyParseResult;
}

/** Judges the policy of one domain and decides the mode the other families are judged under. */
export function judgePolicy(
  e: DomainEvidence,
  s: JudgementSettings,
  out: DomainResult,
): { findings: Finding[]; verdict: PolicyVerdict } {
  const verdict: PolicyVerdict = {
    policy: null,
    mode: null,
    livePolicy: null,
    livePolicyText: null,
    filePolicy: null,
  };
  const findings: Finding[] = [];
  const file = e.policyFile === null ? null : { ...e.policyFile, parsed: parsePolicy(e.policyFile.text) };
  verdict.filePolicy = file?.parsed.policy ?? null;

  if (e.observation !== null) {
    findings.push(...judgeLive(e.domain, e.observation, s, verdict, out));
    if (file !== null) {
      const source: PolicySource = { kind: 'file', path: file.path };
      findings.push(
        ...judgePolicyText(file.parsed, source, { domain: e.domain, mode: verdict.mode, semantics: false }),
      );
    }
  } else if (file !== null) {
    const policy = file.parsed.policy;
    verdict.policy = policy;
    verdict.mode = policy?.mode ?? null;
    if (policy !== null) out.mtaSts.policy = policySummary(file.text, policy);
    const source: PolicySource = { kind: 'file', path: file.path };
    findings.push(
      ...judgePolicyText(file.parsed, source, { domain: e.domain, mode: verdict.mode, semantics: true }),
    );
  }
  return { findings, verdict };
}

/** Whether senders look for a policy at all: an `_mta-sts` record was seen, or DNS could not say. */
function recordAbsent(observation: DomainObservation): boolean {
  const answer = observation.stsTxt;
  if (answer.kind === 'nxdomain' || answer.kind === 'nodata') return true;
  return answer.kind === 'records' && selectStsRecord(answer.records).kind === 'none';
}

function judgeLive(
  domain: string,
  observation: DomainObservation,
  s: JudgementSettings,
  verdict: PolicyVerdict,
  out: DomainResult,
): Finding[] {
  // An address this runner has no route to (no IPv6 here) says nothing about the policy host.
  const fetches = observation.policyFetches.filter(
    (f) => !(f.error?.code === 'connect' && isRunnerNetworkError(f.error.message)),
  );
  const issues = fetches.map((f) => fetchIssues(f, domain));
  const clean: CleanFetch[] = [];
  fetches.forEach((fetch, i) => {
    if ((issues[i] ?? []).length === 0 && fetch.body !== null) {
      clean.push({ fetch, body: fetch.body, parsed: parsePolicy(fetch.body) });
    }
  });
  const governing = clean[0] ?? null;
  const summarized = governing?.fetch ?? fetches[0];
  if (summarized !== undefined) out.mtaSts.fetch = fetchSummary(summarized);
  if (governing !== null) {
    verdict.livePolicyText = governing.body;
    verdict.livePolicy = governing.parsed.policy;
    if (governing.parsed.policy !== null)
      out.mtaSts.policy = policySummary(governing.body, governing.parsed.policy);
  }
  // Without a record senders never fetch: what the host serves is not judged and sets no mode.
  if (recordAbsent(observation)) return [];
  verdict.policy = verdict.livePolicy;
  verdict.mode = verdict.livePolicy?.mode ?? null;
  const mode = verdict.mode;

  const findings: Finding[] = [];
  if (fetches.length === 0) {
    const hostAnswer = observation.policyHostAddresses;
    if (hostAnswer?.kind === 'error') {
      const host = `mta-sts.${domain}`;
      findings.push(
        dnsLookupFailed(domain, host, 'A/AAAA', hostAnswer.error, 'the policy was not fetched', mode),
      );
    } else if (hostAnswer !== null && hostAnswer.kind !== 'records') {
      const why =
        hostAnswer.kind === 'nxdomain' ? 'does not exist in DNS (NXDOMAIN)' : 'has no A or AAAA records';
      findings.push(
        finding('policy-fetch-failed', mode, {
          domain,
          subject: `mta-sts.${domain}`,
          message: `The policy host mta-sts.${domain} ${why}, so no sender can fetch the policy`,
          resultType: 'sts-policy-fetch-error',
        }),
      );
    }
    return findings;
  }

  findings.push(...groupedIssueFindings(domain, fetches, issues, mode));
  findings.push(...expiringCertificates(domain, fetches, s, mode));

  if (governing !== null) {
    // Each distinct body is judged once, naming the addresses that served it.
    const bodies = new Map<string, CleanFetch[]>();
    for (const c of clean) bodies.set(c.body, [...(bodies.get(c.body) ?? []), c]);
    for (const [, group] of bodies) {
      const first = group[0] as CleanFetch;
      const source: PolicySource = {
        kind: 'live',
        url: first.fetch.url,
        addresses: bodies.size > 1 ? group.map((c) => fetchAddress(c.fetch, domain)) : [],
      };
      findings.push(
        ...judgePolicyText(first.parsed, source, { domain, mode, semantics: first === governing }),
      );
    }
    const disagreement = disagreementFinding(domain, clean, fetches.length, mode);
    if (disagreement !== null) findings.push(disagreement);
  }
  return findings;
}

/** One finding per distinct problem, naming every address that had it. */
function groupedIssueFindings(
  domain: string,
  fetches: PolicyFetchObservation[],
  issues: FetchIssue[][],
  mode: JudgedMode,
): Finding[] {
  const groups = new Map<string, { issue: FetchIssue; url: string; addresses: string[] }>();
  fetches.forEach((fetch, i) => {
    for (const issue of issues[i] ?? []) {
      const key = `${issue.rule}\u0000${issue.what}`;
      const group = groups.get(key) ?? { issue, url: fetch.url, addresses: [] };
      group.addresses.push(fetchAddress(fetch, domain));
      groups.set(key, group);
    }
  });
  return [...groups.values()].map(({ issue, url, addresses }) =>
    finding(issue.rule, mode, {
      domain,
      subject: url,
      message: `${url} from ${addresses.join(', ')}: ${issue.what}`,
      resultType: issue.resultType,
      ...(issue.remediation ? { remediation: issue.remediation } : {}),
    }),
  );
}

function expiringCertificates(
  domain: string,
  fetches: PolicyFetchObservation[],
  s: JudgementSettings,
  mode: JudgedMode,
): Finding[] {
  const byCert = new Map<string, { days: number; validTo: string; addresses: string[] }>();
  for (const fetch of fetches) {
    const days = leafDaysLeft(fetch, s.now);
    const leaf = fetch.tls?.chain[0];
    // An expired leaf is a chain error (policy-tls-invalid), not "expiring".
    if (days === null || leaf === undefined || days < 0 || days > s.certExpiryWarningDays) continue;
    const entry = byCert.get(leaf.sha256) ?? { days, validTo: leaf.validTo, addresses: [] };
    entry.addresses.push(fetchAddress(fetch, domain));
    byCert.set(leaf.sha256, entry);
  }
  return [...byCert.values()].map(({ validTo, addresses }) =>
    finding('policy-host-cert-expiring', mode, {
      domain,
      subject: `mta-sts.${domain}`,
      message: `The certificate of mta-sts.${domain} (served from ${addresses.join(', ')}) expires on ${validTo}, ${describeExpiry(expiryDistance(validTo, s.now))} (warning at ${plural(s.certExpiryWarningDays, 'day')})`,
    }),
  );
}

/** RFC 8461 §3.3 has senders fetch from any address: all of them must serve the same policy. */
function disagreementFinding(
  domain: string,
  clean: CleanFetch[],
  total: number,
  mode: JudgedMode,
): Finding | null {
  const governing = clean[0] as CleanFetch;
  const key = (c: CleanFetch): string => JSON.stringify(c.parsed.policy ?? c.body);
  const differing = clean.filter((c) => key(c) !== key(governing));
  const failing = total - clean.length;
  if (differing.length === 0 && failing === 0) return null;
  const parts: string[] = [];
  if (differing.length > 0) {
    parts.push(
      `${differing.map((c) => fetchAddress(c.fetch, domain)).join(', ')} serve${differing.length === 1 ? 's' : ''} a different policy than ${fetchAddress(governing.fetch, domain)}`,
    );
  }
  if (failing > 0) parts.push(`${failing} of ${total} addresses fail while ${clean.length} serve a policy`);
  return finding('policy-fetch-failed', mode, {
    domain,
    subject: governing.fetch.url,
    message: `The addresses of mta-sts.${domain} disagree: ${parts.join('; ')}; senders get a different answer depending on the address they reach`,
    resultType: 'sts-policy-fetch-error',
    remediation:
      'Serve the same policy with status 200 from every address of the policy host (check each server or CDN node).',
  });
}

function policySummary(raw: string, policy: StsPolicy): NonNullable<DomainResult['mtaSts']['policy']> {
  return { raw, mode: policy.mode, mx: policy.mx.map((p) => p.raw), maxAge: policy.maxAge };
}

function fetchSummary(fetch: PolicyFetchObservation): NonNullable<DomainResult['mtaSts']['fetch']> {
  return {
    url: fetch.url,
    status: fetch.status,
    contentType: fetch.contentType,
    bytes: fetch.bytes,
    ms: fetch.ms,
    error: fetch.error === null ? null : `${fetch.error.code}: ${fetch.error.message}`,
  };
}
