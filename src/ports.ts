/**
 * The I/O interfaces (STYLE.md "ports"). Each is implemented by one adapter that is the only
 * importer of its library; tests pass fakes through the same interfaces.
 */
import type { DnsAnswer, MxRecord, PolicyFetchObservation, SmtpObservation } from './core/observation.js';

/** DNS questions a check asks (src/net/dns.ts on dns2). Never throws for DNS outcomes. */
export interface Resolver {
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  /** A and AAAA together (CNAME chains followed). */
  addresses(name: string): Promise<DnsAnswer<string>>;
}

/** RFC 8461 §3.3 policy fetch from one address of `mta-sts.<domain>` (src/net/policy-fetch.ts). */
export interface PolicyFetcher {
  fetch(domain: string, address: string): Promise<PolicyFetchObservation>;
}

/** One SMTP STARTTLS session with one address of one MX (src/net/smtp-probe.ts). */
export interface SmtpProber {
  /** `deadline` (epoch ms), when given, ends the whole session earlier than the prober's own budget. */
  probe(host: string, address: string, deadline?: number): Promise<SmtpObservation>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  /** Progress of long work; shown on stderr by the CLI, in the log by the action. */
  progress(message: string): void;
}

/**
 * Domains checked so far, told as each one completes; what reaches the user, and how often, is
 * the entry's business (src/progress.ts paces it).
 */
export interface ProgressReporter {
  update(progress: { done: number; total: number; errors: number }): void;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  progress: () => undefined,
};

/** GitHub issues (src/github/octokit-tracker.ts); defined beside the issue lifecycle that uses it. */
export type { IssueTracker } from './github/issue-tracker.js';
