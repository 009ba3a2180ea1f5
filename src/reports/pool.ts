/**
 * Parser workers for large mailboxes. Gunzip, JSON.parse, RFC 8460 §4 validation and tallying
 * of failure-details (./payload.ts) cost far more than reading the mailbox, so they run on
 * worker threads while the main thread splits messages, reads MIME, and keeps deduplication and
 * aggregation (in mailbox order, so results are the same as without workers).
 *
 * The worker runs dist/report-worker.js when it sits beside the bundle (the parser alone), else
 * the bundle this code is in (see workerScript()): ./worker-guard.ts, which every entry imports
 * first, takes over that thread before the bundle's entry point (the CLI or the action) runs.
 * Unbundled TypeScript (tests) cannot be started as a worker; there the pool is not used.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type MessagePort, parentPort, Worker } from 'node:worker_threads';
import { ConfigurationError } from '../config.js';
import { EMPTY_TALLY, type FailureTally, type ReportDigest } from '../core/aggregate.js';
import { inflateFiles, prepareFileJob, thrownOutcome, type InflatedFiles } from './inflated-files.js';
import { readPayload, type PayloadResult } from './payload.js';
import { finishSmallFile, type SmallFileOutcome } from './report-file.js';
import { PARSER_ARGV } from './parser-argv.js';
import { isParserThread, WORKER_MARK } from './worker-mark.js';

/** Environment override of the worker count (0: parse on the main thread). */
export const WORKERS_ENV = 'MTA_STS_GUARD_REPORT_WORKERS';
/**
 * Workers at most. The main thread needs a core of its own for MIME and aggregation, and a
 * mailbox is read at disk speed long before more parsers would help.
 */
export const MAX_WORKERS = 4;
/**
 * Heap limits of a worker. V8's defaults let each thread's heap grow with parse garbage (about
 * 60 MiB a worker over a 1 GiB mailbox); two workers and the main thread would then pass the
 * 300 MiB memory goal of issue 4. These caps cost no speed here. 64 MiB of old generation still
 * parses the largest report allowed (MAX_REPORT_JSON_BYTES of minimal failure-details); should
 * a worker run out anyway, its reports are parsed on the main thread (see lost()).
 */
const WORKER_YOUNG_GENERATION_MB = 8;
const WORKER_OLD_GENERATION_MB = 64;
/**
 * Young generation of a worker that reads batches of small files (Ingestor.filesOnWorkers): a
 * batch's outcomes or JSON bytes live as long as the batch, so a young generation twice the
 * mailbox workers' copies them fewer times before they are promoted. Small files' bytes are
 * small, so this costs little memory (a folder of 200,000 files: under 400 MiB in all).
 */
export const FILE_WORKER_YOUNG_GENERATION_MB = 16;
/** Workers replaced after dying, per pool, before the rest is parsed on the main thread. */
const MAX_RESPAWNS = 4;
/** Reports per message to a worker: one postMessage costs about as much as a small report. */
const BATCH = 8;

interface Job {
  bytes: Uint8Array;
  hint: string | null;
}
/** 'throw': an unexpected exception, re-thrown on the main thread as it would be without workers. */
type WorkerResult = PayloadResult | { ok: 'throw'; error: string };

/** A file for a worker to read and judge itself (folders of many small reports). */
export interface FileJob {
  path: string;
  explicit: boolean;
}
/**
 * What a worker made of a file. 'defer': not a small report file (too large, not regular,
 * unreadable, a mailbox or archive...): the main thread reads it its own way, in its place.
 */
export type FileOutcome =
  Exclude<SmallFileOutcome, { kind: 'other' }> | { kind: 'defer' } | { kind: 'throw'; error: string };

type Request =
  { id: number; jobs: Job[] } | { id: number; inflate: FileJob[] } | { id: number; files: FileJob[] };

/**
 * A tally's sending IPs as one concatenated string and their lengths: copying one string between
 * threads is far cheaper than copying a thousand (a large report's details).
 */
type PackedTally = Omit<FailureTally, 'ips'> & { ips: string[] | { text: string; lengths: Uint32Array } };

export interface Ticket {
  sent: boolean;
  promise: Promise<WorkerResult>;
  resolve: (r: WorkerResult) => void;
  /** What the worker gets (a transferred copy) and what stays here for a retry. */
  job: Job;
  original: Uint8Array;
}

/** A message sent to a worker and not yet answered. */
interface InFlight {
  size: number;
  answer: (results: unknown) => void;
  /** The worker died: the same work done on this thread. */
  here: () => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent and not yet answered. */
  load: number;
  batches: Map<number, InFlight>;
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

/**
 * Worker count for a folder of small files: the main thread counts every file and reads some
 * (see Ingestor.filesOnWorkers), so one core fewer than for a mailbox; the override as given.
 */
export function filePoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[WORKERS_ENV];
  if (raw !== undefined && raw !== '') return poolSize(env);
  return Math.max(0, poolSize(env) - 1);
}

/** True when this module runs as JavaScript a worker can load (bundled or compiled). */
export function workersAvailable(): boolean {
  return /\.m?js$/.test(new URL(import.meta.url).pathname);
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private pending: Ticket[] = [];
  private nextId = 0;
  private respawns = 0;
  private closing = false;

  /** `youngGenerationMb`: see WORKER_YOUNG_GENERATION_MB and FILE_WORKER_YOUNG_GENERATION_MB. */
  constructor(
    size: number,
    private readonly youngGenerationMb = WORKER_YOUNG_GENERATION_MB,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Queues report bytes for parsing; the answer comes from result(). */
  submit(bytes: Uint8Array, hint: string | null): Ticket {
    // A private copy: decoded attachments may share Buffer's pool, which must not be transferred.
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    let resolve!: Ticket['resolve'];
    const promise = new Promise<WorkerResult>((res) => (resolve = res));
    const ticket: Ticket = { sent: false, promise, resolve, job: { bytes: copy, hint }, original: bytes };
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
    for (const t of tickets) t.sent = true;
    this.send(
      {
        size: tickets.length,
        answer: (results) => tickets.forEach((t, i) => t.resolve(unpack((results as WorkerResult[])[i]!))),
        here: () => tickets.forEach((t) => t.resolve(parseHere(t))),
      },
      (id) => ({ id, jobs: tickets.map((t) => t.job) }),
      tickets.map((t) => t.job.bytes.buffer as ArrayBuffer),
    );
  }

  /**
   * Files a worker reads, gunzips and parses itself, so that reading costs the main thread
   * nothing either. The outcomes come back in the order of `files`, as a function that builds
   * them: the JSON text is parsed only when the caller is ready to use the outcomes, so a
   * batch waiting its turn holds one string, not thousands of objects that live long enough
   * to be promoted (and then collected by a full GC).
   */
  readFiles(files: FileJob[]): Promise<() => FileOutcome[]> {
    return new Promise((resolve) => {
      this.send(
        {
          size: files.length,
          answer: (results) => resolve(() => unpackOutcomes(results as string)),
          here: () => {
            const outcomes = files.map(readFileJob);
            resolve(() => outcomes);
          },
        },
        (id) => ({ id, files }),
        [],
      );
    });
  }

  /**
   * Files a worker reads and prepares up to JSON.parse (./inflated-files.ts): their JSON bytes
   * come back in one transferred buffer, for this thread to parse and count in order.
   */
  inflateFiles(files: FileJob[]): Promise<InflatedFiles> {
    return new Promise((resolve) => {
      this.send(
        {
          size: files.length,
          answer: (results) => resolve(results as InflatedFiles),
          here: () => resolve(inflateFiles(files)),
        },
        (id) => ({ id, inflate: files }),
        [],
      );
    });
  }

  /** To the least busy worker; done here when every worker is gone, rather than never. */
  private send(work: InFlight, request: (id: number) => Request, transfer: ArrayBuffer[]): void {
    const live = this.slots.filter((s) => s.load !== Number.POSITIVE_INFINITY);
    if (live.length === 0) return work.here();
    const slot = live.reduce((a, b) => (b.load < a.load ? b : a));
    const id = this.nextId++;
    slot.batches.set(id, work);
    slot.load += work.size;
    slot.worker.postMessage(request(id), transfer);
  }

  /**
   * Stops the workers without waiting for their threads to exit: every answer has come in, so
   * nothing is lost, and waiting cost about 15 ms at the end of every run. Unreferenced, so a
   * thread still stopping never holds the process open.
   */
  close(): Promise<void> {
    this.closing = true;
    for (const s of this.slots) {
      s.worker.unref();
      void s.worker.terminate();
    }
    return Promise.resolve();
  }

  private spawn(): Slot {
    const worker = new Worker(workerScript(), {
      workerData: { [WORKER_MARK]: true },
      argv: [PARSER_ARGV],
      resourceLimits: {
        maxYoungGenerationSizeMb: this.youngGenerationMb,
        maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB,
      },
    });
    const slot: Slot = { worker, load: 0, batches: new Map() };
    worker.on('message', ({ id, results }: { id: number; results: unknown }) => {
      const work = slot.batches.get(id);
      if (!work) return;
      slot.batches.delete(id);
      slot.load -= work.size;
      work.answer(results);
    });
    let gone = false;
    const lost = (): void => {
      if (gone) return;
      gone = true;
      // A worker that ran out of memory (or died otherwise) loses nothing: its unanswered
      // reports are parsed here, where the heap is not capped, and a fresh worker takes its place.
      const unanswered = [...slot.batches.values()];
      slot.batches.clear();
      slot.load = Number.POSITIVE_INFINITY;
      for (const work of unanswered) work.here();
      if (!this.closing && this.respawns < MAX_RESPAWNS) {
        this.respawns++;
        this.slots[this.slots.indexOf(slot)] = this.spawn();
      }
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return slot;
  }
}

function parseHere(t: Ticket): WorkerResult {
  return parseJob({ bytes: t.original, hint: t.job.hint });
}

/** A parser thread's work: answers each request in turn. */
function serve(port: MessagePort): void {
  port.on('message', (request: Request) => {
    if ('inflate' in request) {
      const results = inflateFiles(request.inflate);
      port.postMessage({ id: request.id, results }, [results.bytes.buffer as ArrayBuffer]);
      return;
    }
    // File outcomes travel as one JSON text: one string to copy, and JSON.parse builds the
    // objects on the main thread faster than structured cloning does (measured: half the time).
    // Each outcome is written out as soon as it is made, so it dies young.
    let results: unknown;
    if ('files' in request) results = readPacked(request.files);
    else results = request.jobs.map((j) => pack(parseJob(j)));
    port.postMessage({ id: request.id, results });
  });
}

/** A file read and judged (see FileOutcome); what is not a small report file is deferred. */
export function readFileJob(f: FileJob): FileOutcome {
  const prepared = prepareFileJob(f);
  if (prepared.kind !== 'json') return prepared;
  try {
    return finishSmallFile(f.path, prepared.bytes);
  } catch (error) {
    return thrownOutcome(error);
  }
}

/**
 * Most small reports have no failure-details: their empty tally (ten fields, eight arrays)
 * crosses as null and is read back as the shared EMPTY_TALLY, which the aggregator only reads.
 */
/** One file's outcome as JSON text, an empty tally as null (see EMPTY_TALLY). */
function packOutcome(o: FileOutcome): string {
  if (o.kind === 'report') {
    for (const p of o.digest.policies) {
      if (p.tally.details === 0) (p as { tally: FailureTally | null }).tally = null;
    }
  }
  return JSON.stringify(o);
}

/** The files' outcomes as one JSON text, each written out as soon as it is made. */
function readPacked(files: readonly FileJob[]): string {
  return `[${files.map((f) => packOutcome(readFileJob(f))).join(',')}]`;
}

function unpackOutcomes(text: string): FileOutcome[] {
  const outcomes = JSON.parse(text) as FileOutcome[];
  for (const o of outcomes) {
    if (o.kind !== 'report') continue;
    for (const p of o.digest.policies) p.tally ??= EMPTY_TALLY;
  }
  return outcomes;
}

function pack(r: WorkerResult): WorkerResult {
  if (r.ok === true) packDigest(r.digest);
  return r;
}

function unpack(r: WorkerResult): WorkerResult {
  if (r.ok === true) unpackDigest(r.digest);
  return r;
}

function packDigest(digest: ReportDigest): void {
  for (const p of digest.policies) {
    const t = p.tally as PackedTally;
    const ips = t.ips as string[];
    if (ips.length < 2) continue;
    const lengths = new Uint32Array(ips.length);
    for (let i = 0; i < ips.length; i++) lengths[i] = ips[i]!.length;
    t.ips = { text: ips.join(''), lengths };
  }
}

function unpackDigest(digest: ReportDigest): void {
  for (const p of digest.policies) {
    const t = p.tally as PackedTally;
    if (Array.isArray(t.ips)) continue;
    const { text, lengths } = t.ips;
    const ips = new Array<string>(lengths.length);
    for (let i = 0, at = 0; i < lengths.length; at += lengths[i]!, i++)
      ips[i] = text.slice(at, at + lengths[i]!);
    t.ips = ips;
  }
}

/** Name of the parser-only bundle that scripts/bundle.mjs writes beside dist/cli.js and dist/index.js. */
const WORKER_BUNDLE = 'report-worker.js';

/**
 * The parser-only bundle when it is beside this one (or beside the chunk folder), else the file this code is in: this module
 * compiled, a chunk holding it, or a bundle whose entry imports ./worker-guard.ts first.
 */
export function workerScript(): URL {
  // Beside this file, or one folder up from dist/chunks/ (scripts/bundle.mjs splits the bundles).
  for (const folder of ['./', '../']) {
    const dedicated = new URL(`${folder}${WORKER_BUNDLE}`, import.meta.url);
    if (existsSync(fileURLToPath(dedicated))) return dedicated;
  }
  return new URL(import.meta.url);
}

function parseJob(j: Job): WorkerResult {
  try {
    return readPayload(j.bytes, j.hint);
  } catch (error) {
    return { ok: 'throw', error: error instanceof Error ? error.message : String(error) };
  }
}

// Started as a parser thread (on dist/report-worker.js, on this module's own file, or on a
// bundle whose entry waited in ./worker-guard.ts): serve until the pool terminates the thread.
if (isParserThread()) serve(parentPort!);
