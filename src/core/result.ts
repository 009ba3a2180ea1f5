/**
 * The result of a run: the JSON contract of DESIGN.md ("JSON output", schemaVersion 1).
 * Field names are load-bearing: extend, never rename or drop.
 */
import type { Finding, StsMode } from './findings.js';
import type { ReportEvidence } from './rules/reports.js';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  san: string[];
  validFrom: string;
  validTo: string;
  daysLeft: number;
  sha256: string;
}

export interface MxTlsResult {
  starttls: boolean;
  version: string | null;
  cipher: string | null;
  /** RFC 8460 result type a sender would report, or null when the session was fine. */
  resultType: string | null;
  certificate: CertificateSummary | null;
}

export interface MxResult {
  host: string;
  preference: number;
  addresses: string[];
  /** Whether a policy `mx` pattern covers the host; null without a policy. */
  matchesPolicy: boolean | null;
  tls: MxTlsResult | null;
  error: string | null;
}

export interface PolicyFetchSummary {
  url: string;
  status: number | null;
  contentType: string | null;
  bytes: number;
  ms: number;
  error: string | null;
}

export interface ReportDay {
  date: string;
  successful: number;
  failed: number;
}

export interface DomainReportSummary {
  successfulSessions: number;
  failedSessions: number;
  byResultType: Record<string, number>;
  byMx: Record<string, number>;
  byReporter: Record<string, number>;
  days: ReportDay[];
  /** Extensions beyond the contract (issue 4). */
  [extra: string]: unknown;
}

export interface DomainResult {
  domain: string;
  mtaSts: {
    record: { raw: string; id: string } | null;
    policy: { raw: string; mode: StsMode; mx: string[]; maxAge: number } | null;
    fetch: PolicyFetchSummary | null;
  };
  tlsRpt: { record: { raw: string; rua: string[] } | null };
  mx: MxResult[];
  reports: DomainReportSummary | null;
}

export interface ReportsSummary {
  files: number;
  parsed: number;
  invalid: { path: string; error: string }[];
  /** Extensions (issue 4): reports delivered more than once (counted once). */
  duplicates?: number;
  /** Distinct reports older than the window (not counted). */
  outsideWindow?: number;
  /** Reports dated in the future (each also listed in `invalid`). */
  future?: number;
  /** Mail messages and archive entries that were not TLS-RPT reports. */
  skippedMessages?: number;
  /** Mail messages read (files and mailboxes). */
  messages?: number;
  /** The report window as UTC days, counted back from the run's clock; null in results written before it was. */
  window?: { start: string; end: string } | null;
  /** Reporter quirks tolerated (QUIRKS.md), by kind: number of reports showing it. */
  quirks?: Record<string, number>;
}

export interface CheckSummary {
  domains: number;
  errors: number;
  warnings: number;
  notices: number;
  enforceRisk: boolean;
}

export interface CheckResult {
  schemaVersion: 1;
  tool: { name: string; version: string };
  generatedAt: string;
  summary: CheckSummary;
  findings: Finding[];
  domains: DomainResult[];
  reports: ReportsSummary;
  /** Extension (issue 12): present when the run checked one shard (--shard) or is a merge. */
  shard?: ShardBlock;
}

/**
 * What a shard's results file says about itself, so `mta-sts-guard merge` can tell that its
 * files come from one run and one list, cover it, and can judge reports against the shards'
 * observations (docs/json-contract.md "shard", docs/adr/0003-shard-by-hash-ranges.md).
 */
export interface ShardBlock {
  /** 1-based; a merged result has index 0. */
  index: number;
  total: number;
  /** The whole list the shards are cut from (src/core/shard.ts listFingerprint). */
  list: { fingerprint: string; count: number; domains: string[] };
  toolVersion: string;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT, or --run-id; null when neither was known. */
  run: { id: string; attempt: number | null } | null;
  /** Whether the shard judged TLS-RPT reports itself. */
  reportsJudged: boolean;
  /** Per domain of this shard: what the report rules need (src/core/rules/reports.ts). */
  evidence: Record<string, ReportEvidence>;
  /** Merged results only: which shards were merged, and the domains no shard file covered. */
  merged?: { shards: number[]; missingShards: number[]; uncheckedDomains: string[] };
}

/** An empty per-domain result, filled in by the phases that know more. */
export function emptyDomainResult(domain: string): DomainResult {
  return {
    domain,
    mtaSts: { record: null, policy: null, fetch: null },
    tlsRpt: { record: null },
    mx: [],
    reports: null,
  };
}
