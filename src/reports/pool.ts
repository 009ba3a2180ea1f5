/**
 * Parser workers for large mailboxes. Gunzip, JSON.parse, RFC 8460 §4 validation and tallying
 * of failure-details (./payload.ts) cost far more than reading the mailbox, so they run on
 * worker threads while the main thread splits messages, reads MIME, and keeps deduplication and
 * aggregation (in mailbox order, so results are the same as without workers).
 *
 * The worker runs this very module file: `new Worker(import.meta.url)` starts the bundle this
 * code is in (dist/cli.js, dist/index.js) or the compiled module, and the guard at the bottom
 * takes over that thread before the bundle's entry point (the CLI or the action) would run.
 * Unbundled TypeScript (tests) cannot be started as a worker; there the pool is not used.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ConfigurationError } from '../config.js';
import type { FailureTally } from '../core/aggregate.js';
import { readPayload, type PayloadResult } from './payload.js';

/** Set in workerData so that only threads started by the pool turn into parsers. */
const WORKER_MARK = 'mta-sts-guard/report-parser';
/** Environment override of the worker count (0: parse on the main thread). */
export const WORKERS_ENV = 'MTA_STS_GUARD_REPORT_WORKERS';
/**
 * Workers at most. The main thread needs a core of its own for MIME and aggregation, and a
 * mailbox is read at disk speed long before more parsers would help.
 */
export const MAX_WORKERS = 4;
/** Reports per message to a worker: one postMessage costs about as much as a small report. */
const BATCH = 16;

interface Job {
  bytes: Uint8Array;
  hint: string | null;
}
/** 'throw': an unexpected exception, re-thrown on the main thread as it would be without workers. */
type WorkerResult = PayloadResult | { ok: 'throw'; error: string };
/**
 * A tally's sending IPs as one concatenated string and their lengths: copying one string between
 * threads is far cheaper than copying a thousand (a large report's details).
 */
type PackedTally = Omit<FailureTally, 'ips'> & { ips: string[] | { text: string; lengths: Uint32Array } };

export interface Ticket {
  sent: boolean;
  promise: Promise<WorkerResult>;
  resolve: (r: WorkerResult) => void;
  reject: (e: Error) => void;
  job: Job;
}

interface Slot {
  worker: Worker;
  /** Jobs sent and not yet answered. */
  load: number;
  batches: Map<number, Ticket[]>;
}

/**
 * Worker count for a mailbox: the override when set, else one per available core up to
 * MAX_WORKERS (none on a single core, where threads would only add copying).
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[WORKERS_ENV];
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKERS) {
      throw new ConfigurationError(
        `${WORKERS_ENV} must be a whole number from 0 to ${MAX_WORKERS}, got "${raw}"`,
      );
    }
    return n;
  }
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_WORKERS);
}

/** True when this module runs as JavaScript a worker can load (bundled or compiled). */
export function workersAvailable(): boolean {
  return /\.m?js$/.test(new URL(import.meta.url).pathname);
}

export class ParserPool {
  private readonly slots: Slot[];
  private pending: Ticket[] = [];
  private nextId = 0;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => this.spawn());
  }

  /** Queues report bytes for parsing; the answer comes from result(). */
  submit(bytes: Uint8Array, hint: string | null): Ticket {
    // A private copy: decoded attachments may share Buffer's pool, which must not be transferred.
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    let resolve!: Ticket['resolve'];
    let reject!: Ticket['reject'];
    const promise = new Promise<WorkerResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const ticket: Ticket = { sent: false, promise, resolve, reject, job: { bytes: copy, hint } };
    this.pending.push(ticket);
    if (this.pending.length >= BATCH) this.flush();
    return ticket;
  }

  async result(ticket: Ticket): Promise<PayloadResult> {
    if (!ticket.sent) this.flush();
    const r = await ticket.promise;
    if (r.ok === 'throw') throw new Error(r.error);
    return r;
  }

  /** Sends the queued jobs to the least busy worker. */
  flush(): void {
    if (this.pending.length === 0) return;
    const tickets = this.pending;
    this.pending = [];
    const slot = this.slots.reduce((a, b) => (b.load < a.load ? b : a));
    if (slot.load === Number.POSITIVE_INFINITY) {
      // Every worker is gone: parse here rather than wait forever.
      for (const t of tickets) {
        t.sent = true;
        t.resolve(parseJob(t.job));
      }
      return;
    }
    const id = this.nextId++;
    slot.batches.set(id, tickets);
    slot.load += tickets.length;
    for (const t of tickets) t.sent = true;
    slot.worker.postMessage(
      { id, jobs: tickets.map((t) => t.job) },
      tickets.map((t) => t.job.bytes.buffer as ArrayBuffer),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { [WORKER_MARK]: true },
      resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.YG ?? 48) },
    });
    const slot: Slot = { worker, load: 0, batches: new Map() };
    worker.on('message', ({ id, results }: { id: number; results: WorkerResult[] }) => {
      const tickets = slot.batches.get(id) ?? [];
      slot.batches.delete(id);
      slot.load -= tickets.length;
      tickets.forEach((t, i) => t.resolve(unpack(results[i]!)));
    });
    const failAll = (error: Error): void => {
      for (const tickets of slot.batches.values()) for (const t of tickets) t.reject(error);
      slot.batches.clear();
      // Nothing more is sent to it: its load stays above every live worker's.
      slot.load = Number.POSITIVE_INFINITY;
    };
    worker.on('error', (error) => failAll(new Error(`report parser thread failed: ${error.message}`)));
    worker.on('exit', (code) => failAll(new Error(`report parser thread exited (code ${code})`)));
    return slot;
  }
}

function serve(port: NonNullable<typeof parentPort>): void {
  port.on('message', ({ id, jobs }: { id: number; jobs: Job[] }) => {
    const results = jobs.map((j) => pack(parseJob(j)));
    port.postMessage({ id, results });
  });
}

function pack(r: WorkerResult): WorkerResult {
  if (r.ok !== true) return r;
  for (const p of r.digest.policies) {
    const t = p.tally as PackedTally;
    const ips = t.ips as string[];
    if (ips.length < 2) continue;
    const lengths = new Uint32Array(ips.length);
    for (let i = 0; i < ips.length; i++) lengths[i] = ips[i]!.length;
    t.ips = { text: ips.join(''), lengths };
  }
  return r;
}

function unpack(r: WorkerResult): WorkerResult {
  if (r.ok !== true) return r;
  for (const p of r.digest.policies) {
    const t = p.tally as PackedTally;
    if (Array.isArray(t.ips)) continue;
    const { text, lengths } = t.ips;
    const ips = new Array<string>(lengths.length);
    for (let i = 0, at = 0; i < lengths.length; at += lengths[i]!, i++)
      ips[i] = text.slice(at, at + lengths[i]!);
    t.ips = ips;
  }
  return r;
}

function parseJob(j: Job): WorkerResult {
  try {
    return readPayload(j.bytes, j.hint);
  } catch (error) {
    return { ok: 'throw', error: error instanceof Error ? error.message : String(error) };
  }
}

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true) {
  serve(parentPort);
  // Never settles: the rest of the bundle (the CLI or action entry point) must not run here.
  // The thread lives on its message port until the pool terminates it.
  await new Promise<never>(() => {});
}
