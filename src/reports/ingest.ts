/**
 * Reads every report input (file, archive, zip entry, mail message) into the aggregator. Each
 * unit that cannot be used (a file, a zip entry, one message of a mailbox) gives exactly one
 * invalid entry naming it and the reason; everything else goes on.
 */
import { constants, createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyDomainFromFilename } from '../core/report.js';
import { IngestAccount, type PayloadOutcome } from './accounting.js';
import { decideKind, type InputKind } from './kind.js';
import { MAX_MESSAGE_BYTES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_NESTING } from './limits.js';
import { readMail, type MailCandidate, type MailReading } from './mail.js';
import { splitMbox } from './mbox.js';
import { readPayload, type PayloadResult } from './payload.js';
import {
  FILE_WORKER_YOUNG_GENERATION_MB,
  filePoolSize,
  ParserPool,
  poolSize,
  readFileJob,
  workerScript,
  workersAvailable,
  WORKERS_ENV,
  type FileJob,
  type FileOutcome,
  type Ticket,
} from './pool.js';
import { prefetchInOrder } from './prefetch.js';
import { fileCap, finishSmallFile, judgeSmallFile, notJsonReason, SNIFF_BYTES } from './report-file.js';
import type { InflatedFiles } from './inflated-files.js';
import {
  forEachZipEntry,
  newDecompressionBudget,
  type DecompressionBudget,
  type ZipEntryInfo,
  type ZipSource,
} from './zip.js';

/** Mailbox progress is logged every this many messages. */
const PROGRESS_EVERY = 10_000;
/** Progress of files() is logged every this many files (a million small reports: a minute). */
export const FILES_PROGRESS_EVERY = 50_000;
/**
 * Mailbox messages whose reports are being parsed (on worker threads) while the oldest is
 * aggregated: enough to keep the workers busy between batches. With IN_FLIGHT_BYTES it bounds
 * the memory held for messages beyond the one being read.
 */
const IN_FLIGHT = 32;
/** Message bytes in flight at most (a few large messages are not queued 32 deep). */
const IN_FLIGHT_BYTES = 32 * 1024 * 1024;
/** Mailboxes smaller than this are parsed on the main thread: starting workers costs more. */
const POOL_MIN_BYTES = 16 * 1024 * 1024;
/**
 * Report files (JSON or gzip) parsed on worker threads from this many on: below it, starting
 * the workers costs more than they save (measured with `npm run bench`, small-files case).
 */
const POOL_MIN_FILES = 2_000;
/**
 * Files per batch to a worker. Each next batch is a share of what is left (guided
 * self-scheduling), so batches shrink towards the end: the last ones are small, and whichever
 * side is behind near the end has little left to do alone. Bounded above so that the kind of
 * the next batches (inflated only, or parsed whole: see filesOnWorkers) follows which side is
 * behind within a few batches (a folder of 20,000: with 4,096 a batch and two in flight, the
 * worker sat idle for the last quarter of the run; with 2,048 and three, for about a sixth), and
 * so that the file list in flight stays small.
 */
const MIN_FILES_PER_BATCH = 128;
const MAX_FILES_PER_BATCH = 2_048;
/** Batches sent ahead per worker: while this thread counts one, the worker reads the others. */
const FILE_BATCHES_IN_FLIGHT_PER_WORKER = 3;
/**
 * Files this thread reads itself at a time should no batch be on a worker (every worker gone).
 * While the workers start, it does not read ahead of them: inflating there as well cost 10 to
 * 60 ms more CPU (a second isolate warming up the same code) for no time gained over 20,000
 * files (`npm run bench`, small files), since counting every file is already its share.
 */
const HERE_FILES = 256;

/** The size of the next batch, when `remaining` files are left to hand out to `workers`. */
export function nextBatchSize(remaining: number, workers: number): number {
  const share = Math.ceil(remaining / (workers * FILE_BATCHES_IN_FLIGHT_PER_WORKER));
  return Math.min(Math.max(share, MIN_FILES_PER_BATCH), MAX_FILES_PER_BATCH);
}

/** A batch a worker read: inflated for this thread to parse, or parsed (outcomes built on demand). */
type ReadBatch =
  { kind: 'inflated'; inflated: InflatedFiles } | { kind: 'outcomes'; outcomes: () => FileOutcome[] };

/** mbox read size: large reads keep syscalls few; one chunk is held at a time. */
const READ_CHUNK = 1024 * 1024;

interface PreparedMessage {
  where: string;
  index: number | null;
  inMailbox: boolean;
  mail: MailReading;
  size: number;
  /** Each candidate part and its reading (a worker's ticket until settled). */
  parts: { candidate: MailCandidate; reading: PayloadResult | Ticket }[];
  /** The readings, once settled. */
  ready: PayloadResult[];
}

async function settle(m: PreparedMessage, pool: ParserPool | null): Promise<PreparedMessage> {
  m.ready = [];
  for (const { reading } of m.parts) m.ready.push('job' in reading ? await pool!.result(reading) : reading);
  return m;
}

export class Ingestor extends IngestAccount {
  /** The parser workers of files(), kept for every run of files until close(). */
  private filePool: ParserPool | null = null;
  /** Files read by files() so far, over all its runs (see filesRead). */
  private filesDone = 0;
  /** A progress line every this many files read by files(). */
  filesProgressEvery = FILES_PROGRESS_EVERY;

  /** A file on disk. */
  async file(path: string, explicit: boolean): Promise<void> {
    let head: Buffer;
    let size: number;
    try {
      // Issue 9 class 7: O_NONBLOCK so a FIFO without a writer cannot block the open, and
      // fstat of what was opened (a symlink's target) so only regular files are read.
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          this.counts.files++;
          this.fail(path, 'is not a regular file');
          return;
        }
        size = info.size;
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      this.counts.files++;
      this.fail(path, `cannot read: ${(error as Error).message}`);
      return;
    }
    const kind = decideKind(path, head, explicit);
    if (kind === 'skip') {
      this.logger.debug(`reports: skipped ${path} (not a report file)`);
      return;
    }
    this.counts.files++;
    if (kind === 'mbox') {
      return this.mbox(path, createReadStream(path, { highWaterMark: READ_CHUNK }), size);
    }
    if (kind === 'zip') return this.zip(path, { path }, 1, newDecompressionBudget());
    const cap = fileCap(kind);
    if (size > cap) return this.fail(path, `${size} bytes, more than the limit of ${cap} for a ${kind} file`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      return this.fail(path, `cannot read: ${(error as Error).message}`);
    }
    await this.bytes(path, path, bytes, kind, 1, newDecompressionBudget());
  }

  /**
   * Files a folder walk has found so far, or expects to find in a folder it is about to read:
   * from POOL_MIN_FILES on, the parser workers for files() start while the walk goes on (their
   * start-up would otherwise come after it).
   */
  expectFiles(count: number): void {
    if (this.filePool !== null || count < POOL_MIN_FILES || !workersAvailable()) return;
    let workers: number;
    try {
      workers = filePoolSize();
    } catch {
      return; // A bad WORKERS_ENV is reported by files(), in its place.
    }
    if (workers > 0) this.filePool = new ParserPool(workers, FILE_WORKER_YOUNG_GENERATION_MB);
  }

  /** Stops the parser workers of files(), once every input is read. */
  async close(): Promise<void> {
    const pool = this.filePool;
    this.filePool = null;
    await pool?.close();
  }

  /**
   * Many files, in order. Small files are read in batches with plain system calls
   * (prefetch.ts); when there are many, parser workers read, parse, count and aggregate them a
   * batch at a time (both cores work), and this thread merges each batch in its place.
   * Counts, duplicates and invalid entries come out exactly as file() one by one.
   */
  async files(files: readonly { path: string; explicit: boolean }[]): Promise<void> {
    const workers = workersAvailable() ? filePoolSize() : 0;
    const forced = process.env[WORKERS_ENV] !== undefined && process.env[WORKERS_ENV] !== '';
    if (workers > 0 && (forced || files.length >= POOL_MIN_FILES)) return this.filesOnWorkers(files, workers);
    let i = 0;
    for await (const read of prefetchInOrder(files.map((f) => f.path))) {
      const { path, explicit } = files[i++]!;
      if (read.kind === 'defer') await this.file(path, explicit);
      else {
        const outcome = judgeSmallFile(path, explicit, read.bytes);
        if (outcome.kind === 'other') {
          this.counts.files++;
          await this.bytes(path, path, read.bytes, outcome.fileKind, 1, newDecompressionBudget());
        } else await this.smallFile(path, explicit, outcome);
      }
      this.filesRead(1);
    }
  }

  /** Counts files read by files(), with a progress line each FILES_PROGRESS_EVERY files. */
  private filesRead(n: number): void {
    const before = Math.floor(this.filesDone / this.filesProgressEvery);
    this.filesDone += n;
    if (Math.floor(this.filesDone / this.filesProgressEvery) > before)
      this.logger.progress(`reports: ${this.filesDone} files read`);
  }

  /**
   * The files in batches, in order. This thread counts every file in input order; the workers
   * read the batches ahead of it (three each in flight), in one of two ways, whichever side is
   * behind: inflated only, so that this thread parses and validates them
   * (./inflated-files.ts), or parsed whole, so that it only counts them.
   */
  private async filesOnWorkers(files: readonly FileJob[], workers: number): Promise<void> {
    const pool = (this.filePool ??= new ParserPool(workers, FILE_WORKER_YOUNG_GENERATION_MB));
    this.logger.debug(
      `reports: ${files.length} files: read on ${workers} worker threads, counted on this one ` +
        `(${basename(fileURLToPath(workerScript()))})`,
    );
    /** A batch in input order: read (ready) or still on a worker. */
    type Batch = { jobs: FileJob[]; ready: ReadBatch | null; answer: Promise<ReadBatch> | null };
    const order: Batch[] = [];
    let onWorkers = 0;
    /**
     * The oldest batch was back before this thread was ready for it: the workers are ahead,
     * so the next batches are parsed there too.
     */
    let workersAhead = false;
    let next = 0;
    const take = (most: number): FileJob[] => {
      const jobs = files.slice(next, next + Math.min(most, nextBatchSize(files.length - next, workers)));
      next += jobs.length;
      return jobs;
    };
    const refill = (): void => {
      while (next < files.length && onWorkers < FILE_BATCHES_IN_FLIGHT_PER_WORKER * workers) {
        const jobs = take(Number.POSITIVE_INFINITY);
        const batch: Batch = { jobs, ready: null, answer: null };
        onWorkers++;
        const reading: Promise<ReadBatch> = workersAhead
          ? pool.readFiles(jobs).then((outcomes) => ({ kind: 'outcomes', outcomes }))
          : pool.inflateFiles(jobs).then((inflated) => ({ kind: 'inflated', inflated }));
        batch.answer = reading.then((r) => {
          onWorkers--;
          return (batch.ready = r);
        });
        order.push(batch);
      }
    };
    refill();
    while (order.length > 0 || next < files.length) {
      const oldest = order[0];
      if (oldest === undefined) {
        await this.readHere(take(HERE_FILES));
        refill();
      } else {
        workersAhead = oldest.ready !== null;
        const batch = oldest.ready ?? (await oldest.answer!);
        order.shift();
        refill();
        if (batch.kind === 'inflated') await this.finishBatch(oldest.jobs, batch.inflated);
        else await this.countBatch(oldest.jobs, batch.outcomes());
      }
    }
  }

  /** A batch parsed on a worker that follows every file counted so far, counted in order. */
  private async countBatch(jobs: readonly FileJob[], outcomes: readonly FileOutcome[]): Promise<void> {
    for (let k = 0; k < jobs.length; k++) {
      // Only a deferred file is read asynchronously; a report costs no promise.
      const reading = this.smallFile(jobs[k]!.path, jobs[k]!.explicit, outcomes[k]!);
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }

  /** A batch that follows every file counted so far, read and counted here one by one. */
  private async readHere(jobs: readonly FileJob[]): Promise<void> {
    for (const job of jobs) {
      const reading = this.smallFile(job.path, job.explicit, readFileJob(job));
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }

  /** An inflated batch that follows every file counted so far: parsed and counted in order. */
  private async finishBatch(jobs: readonly FileJob[], batch: InflatedFiles): Promise<void> {
    let other = 0;
    let start = 0;
    for (let i = 0; i < jobs.length; i++) {
      const end = batch.ends[i]!;
      const { path, explicit } = jobs[i]!;
      const listed = batch.others[other];
      let outcome: FileOutcome;
      if (listed !== undefined && listed[0] === i) {
        outcome = listed[1];
        other++;
      } else outcome = finishSmallFile(path, batch.bytes.subarray(start, end));
      start = end;
      const reading = this.smallFile(path, explicit, outcome);
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }

  /** One file's outcome (judged here or on a worker), counted as file() would count it. */
  private smallFile(path: string, explicit: boolean, outcome: FileOutcome): Promise<void> | undefined {
    switch (outcome.kind) {
      case 'defer':
        return this.file(path, explicit);
      case 'throw':
        throw new Error(outcome.error);
      default:
        this.countFile(path, outcome);
        return undefined;
    }
  }

  /** An archive handed over in memory (the action's reports-artifact). */
  async archive(name: string, bytes: Uint8Array): Promise<void> {
    this.counts.files++;
    const kind = decideKind(name, bytes.subarray(0, SNIFF_BYTES), true);
    await this.bytes(
      name,
      name,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      kind,
      1,
      newDecompressionBudget(),
    );
  }

  private async bytes(
    display: string,
    name: string,
    bytes: Buffer,
    kind: InputKind | 'unknown' | 'skip',
    nesting: number,
    budget: DecompressionBudget,
  ): Promise<void> {
    switch (kind) {
      case 'zip':
        if (nesting > MAX_ZIP_NESTING)
          return this.fail(display, `zip nested deeper than ${MAX_ZIP_NESTING} levels`);
        return this.zip(display, { bytes }, nesting, budget);
      case 'mbox':
        return this.mbox(display, [bytes], bytes.length);
      case 'eml':
        return this.message(display, bytes, null, false);
      case 'json':
      case 'gzip': {
        const hint = policyDomainFromFilename(name);
        const outcome = this.payload(bytes, hint);
        if (outcome.ok === 'not-json') return this.fail(display, notJsonReason(bytes));
        if (outcome.ok !== true) return this.fail(display, outcome.error);
        return;
      }
      case 'skip':
        this.counts.skipped++;
        return;
      case 'unknown':
        return this.fail(display, 'not a report: neither JSON, gzip, zip nor a mail message');
    }
  }

  private async zip(
    display: string,
    source: ZipSource,
    nesting: number,
    budget: DecompressionBudget,
  ): Promise<void> {
    const error = await forEachZipEntry(
      source,
      (entry) => this.zipEntry(display, entry, nesting, budget),
      budget,
    );
    if (error) this.fail(display, error);
  }

  private async zipEntry(
    display: string,
    entry: ZipEntryInfo,
    nesting: number,
    budget: DecompressionBudget,
  ): Promise<void> {
    const where = `${display}:${entry.name}`;
    if (entry.refused !== null) return this.fail(where, entry.refused);
    // Mailboxes inside an archive are streamed like mailboxes on disk.
    if (/\.(mbox|mbx)$/i.test(entry.name)) return this.mbox(where, await entry.stream());
    const read = await entry.read(MAX_ZIP_ENTRY_BYTES);
    if (!read.ok) return this.fail(where, read.error);
    const kind = decideKind(entry.name, read.bytes.subarray(0, SNIFF_BYTES), false);
    await this.bytes(where, entry.name, read.bytes, kind, nesting + 1, budget);
  }

  private async mbox(
    display: string,
    chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
    size: number | null = null,
  ): Promise<void> {
    // A bad WORKERS_ENV value is a ConfigurationError (it names the variable), not a read error.
    const workers = workersAvailable() ? poolSize() : 0;
    const forced = process.env[WORKERS_ENV] !== undefined && process.env[WORKERS_ENV] !== '';
    let pool: ParserPool | null = null;
    try {
      if (workers > 0 && (forced || (size ?? 0) >= POOL_MIN_BYTES)) {
        pool = new ParserPool(workers);
        this.logger.debug(
          `reports: ${display}: parsing on ${workers} worker threads (${basename(fileURLToPath(workerScript()))})`,
        );
      }
      const queue: PreparedMessage[] = [];
      let queuedBytes = 0;
      for await (const m of splitMbox(toAsync(chunks))) {
        if (m.index % PROGRESS_EVERY === 0) this.logger.progress(`${display}: ${m.index} messages read`);
        const where = `${display}#${m.index}`;
        if (m.bytes === null) {
          this.counts.messages++;
          this.fail(
            where,
            `message ${m.index}: ${m.size} bytes, more than the limit of ${MAX_MESSAGE_BYTES}`,
          );
          continue;
        }
        queue.push(this.prepareMessage(where, m.bytes, m.index, true, pool));
        queuedBytes += m.bytes.length;
        // Messages are finished in order; the ones behind the oldest are being parsed meanwhile.
        while (queue.length > IN_FLIGHT || (queue.length > 1 && queuedBytes > IN_FLIGHT_BYTES)) {
          const oldest = queue.shift()!;
          queuedBytes -= oldest.size;
          this.finishMessage(await settle(oldest, pool));
        }
      }
      pool?.flush();
      while (queue.length > 0) this.finishMessage(await settle(queue.shift()!, pool));
    } catch (error) {
      this.fail(display, `cannot read: ${(error as Error).message}`);
    } finally {
      await pool?.close();
    }
  }

  /** One message read on its own (an .eml file or zip entry). */
  private async message(
    where: string,
    bytes: Buffer,
    index: number | null,
    inMailbox: boolean,
  ): Promise<void> {
    this.finishMessage(await settle(this.prepareMessage(where, bytes, index, inMailbox, null), null));
  }

  /**
   * Parses the MIME structure and reads the candidate parts (on a worker when a pool is given);
   * finishMessage counts and aggregates them, in order, once they are ready.
   */
  private prepareMessage(
    where: string,
    bytes: Buffer,
    index: number | null,
    inMailbox: boolean,
    pool: ParserPool | null,
  ): PreparedMessage {
    this.counts.messages++;
    const mail = readMail(bytes);
    const parts = mail.candidates.map((c) => {
      const hint = mail.reportDomain ?? (c.filename ? policyDomainFromFilename(c.filename) : null);
      return { candidate: c, reading: pool ? pool.submit(c.bytes, hint) : readPayload(c.bytes, hint) };
    });
    return { where, index, inMailbox, mail, size: bytes.length, parts, ready: [] };
  }

  /**
   * In a mailbox, ordinary mail (no TLS-RPT marker and no report-like part) is skipped; as a
   * file of its own a message was given as a report, so it is reported invalid.
   */
  private finishMessage(m: PreparedMessage): void {
    const { mail, where, index } = m;
    const label = [index !== null ? `message ${index}` : null, mail.messageId].filter(Boolean).join(' ');
    const prefix = label ? `${label}: ` : '';
    const failures: string[] = [];
    let found = 0;
    m.parts.forEach(({ candidate: c }, i) => {
      const outcome = this.accept(m.ready[i]!);
      const part = c.filename ?? `part ${i + 1} (${c.mediaType})`;
      if (outcome.ok === true) found++;
      else if (outcome.ok === 'not-json') {
        if (c.tlsrptTyped) failures.push(`${part}: ${notJsonReason(c.bytes)}`);
      } else failures.push(`${part}: ${outcome.error}`);
    });
    if (failures.length > 0) return this.fail(where, prefix + failures.join('; '));
    if (found > 0) return;
    if (!mail.isTlsRpt && m.inMailbox) {
      this.counts.skipped++;
      this.logger.debug(`reports: ${where} is not a TLS-RPT message, skipped`);
      return;
    }
    const why = mail.isTlsRpt
      ? 'TLS-RPT message without a report attachment'
      : 'not a TLS-RPT report message';
    const notes = mail.notes.length > 0 ? ` (${mail.notes.join('; ')})` : '';
    this.fail(where, `${prefix}${why}${notes}`);
  }

  /** Report bytes (gzip or JSON) → aggregator. 'not-json': the bytes are no JSON object at all. */
  private payload(input: Buffer, policyDomain: string | null): PayloadOutcome {
    return this.accept(readPayload(input, policyDomain));
  }

  /** A file found but not read (a symlink out of the folder, a FIFO): one report-invalid. */
  refuse(path: string, why: string): void {
    this.counts.files++;
    this.fail(path, why);
  }
}

async function* toAsync(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield chunk;
}
