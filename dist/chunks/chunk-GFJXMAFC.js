import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  PARSER_ARGV
} from "./chunk-ZE3T6ODX.js";
import {
  EMPTY_TALLY,
  digestReport,
  parseReport,
  policyDomainFromFilename
} from "./chunk-UBQU3XIK.js";
import {
  WORKER_MARK,
  isParserThread
} from "./chunk-YNBS3NDV.js";
import {
  ConfigurationError
} from "./chunk-UEMDV4PQ.js";

// src/reports/pool.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parentPort, Worker } from "node:worker_threads";

// src/reports/decode.ts
import { isUtf8 } from "node:buffer";
import { constants as constants2, gunzipSync as gunzipSync2 } from "node:zlib";

// src/reports/limits.ts
var MAX_REPORT_JSON_BYTES = 16 * 1024 * 1024;
var MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
var MAX_FILE_BYTES = MAX_REPORT_JSON_BYTES;
var MAX_HEADER_VALUE_CHARS = 16 * 1024;
var MAX_MIME_DEPTH = 8;
var MAX_MIME_PARTS = 200;
var MAX_ZIP_ENTRIES = 5e4;
var MAX_ZIP_ENTRY_BYTES = MAX_MESSAGE_BYTES;
var MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024;
var MAX_ZIP_NESTING = 2;

// src/reports/small-gunzip.ts
import { constants, Gunzip, gunzipSync, gzipSync } from "node:zlib";
var SMALL_OUTPUT_BYTES = 64 * 1024;
var engine = null;
var usable = null;
function gunzipSmall(bytes) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateOnce(bytes, isize);
}
function gzipTrailerSize(bytes) {
  if (bytes.length < 18) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
}
function gunzipSmallInto(bytes, out, offset) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateInto(bytes, isize, out, offset) ? isize : null;
}
function inflateOnce(bytes, isize) {
  const out = Buffer.allocUnsafe(isize + 1);
  return inflateInto(bytes, isize, out, 0) ? out.subarray(0, isize) : null;
}
function inflateInto(bytes, isize, out, offset) {
  const e = engine ??= newEngine();
  const handle = e._handle;
  if (handle === null) return false;
  try {
    handle.reset();
    handle.writeSync(constants.Z_FINISH, bytes, 0, bytes.length, out, offset, isize + 1);
  } catch {
    engine = null;
    return false;
  }
  if (e.destroyed || e._handle === null) {
    engine = null;
    return false;
  }
  const outLeft = e._writeState[0];
  const inLeft = e._writeState[1];
  return inLeft === 0 && outLeft === 1;
}
function newEngine() {
  const e = new Gunzip();
  e.on("error", () => void 0);
  return e;
}
function selfTest() {
  try {
    const probe = newEngine();
    if (typeof probe._handle?.writeSync !== "function" || typeof probe._handle.reset !== "function")
      return false;
    if (!(probe._writeState instanceof Uint32Array) || probe._writeState.length !== 2) return false;
    engine = probe;
    const sample = Buffer.from('{"self-test":"mta-sts-guard"}');
    const gz = gzipSync(sample);
    const first = inflateOnce(gz, sample.length);
    const again = inflateOnce(gz, sample.length);
    const truncated = inflateOnce(gz.subarray(0, gz.length - 1), sample.length);
    const afterError = inflateOnce(gz, sample.length);
    return first !== null && first.equals(sample) && again !== null && again.equals(sample) && truncated === null && afterError !== null && afterError.equals(sample) && gunzipSync(gz).equals(sample);
  } catch {
    return false;
  } finally {
    engine = null;
  }
}

// src/reports/decode.ts
function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 31 && bytes[1] === 139;
}
function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 80 && bytes[1] === 75 && (bytes[2] === 3 && bytes[3] === 4 || bytes[2] === 5 && bytes[3] === 6);
}
function looksLikeJson(bytes) {
  let i = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13))
    i++;
  return bytes[i] === 123;
}
function gunzipCapped(bytes, cap = MAX_REPORT_JSON_BYTES) {
  const small = cap >= SMALL_OUTPUT_BYTES ? gunzipSmall(bytes) : null;
  if (small !== null) return { ok: true, bytes: small };
  try {
    return { ok: true, bytes: gunzipSync2(bytes, { maxOutputLength: cap, chunkSize: outputChunk(bytes) }) };
  } catch (error) {
    return gunzipError(error, cap);
  }
}
var MIN_OUTPUT_CHUNK = 1024;
function outputChunk(bytes) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null) return constants2.Z_DEFAULT_CHUNK;
  return Math.min(Math.max(isize + 1, MIN_OUTPUT_CHUNK), constants2.Z_DEFAULT_CHUNK);
}
function gunzipError(error, cap) {
  const e = error;
  if (e.code === "ERR_BUFFER_TOO_LARGE") {
    return { ok: false, error: `gzip: decompresses to more than ${mib(cap)} (limit per report)` };
  }
  if (e.code === "Z_BUF_ERROR") return { ok: false, error: "gzip: truncated (unexpected end of data)" };
  return { ok: false, error: `gzip: ${e.message}` };
}
function decodeReportBytes(input) {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  } else if (bytes.length > MAX_REPORT_JSON_BYTES) {
    return { ok: false, error: `JSON: larger than ${mib(MAX_REPORT_JSON_BYTES)} (limit per report)` };
  }
  const bom = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  if (bom) bytes = bytes.subarray(3);
  if (!isUtf8(bytes)) return { ok: false, error: `not UTF-8 (at byte ${firstBadUtf8(bytes)})` };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.trim() === "") return { ok: false, error: "empty" };
  try {
    return { ok: true, value: JSON.parse(text), bom };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error.message}` };
  }
}
function firstBadUtf8(bytes) {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
function mib(bytes) {
  return `${bytes / 1024 / 1024} MiB`;
}

// src/reports/prefetch.ts
import { closeSync, constants as constants3, fstatSync, openSync, readSync } from "node:fs";
var PREFETCH_BATCH_FILES = 64;
var PREFETCH_BATCH_BYTES = 4 * 1024 * 1024;
var PREFETCH_MAX_BYTES = 1024 * 1024;
async function* prefetchInOrder(paths) {
  let i = 0;
  while (i < paths.length) {
    const batch = [];
    let bytes = 0;
    while (i < paths.length && batch.length < PREFETCH_BATCH_FILES && bytes < PREFETCH_BATCH_BYTES) {
      const read = readSmallFile(paths[i++]);
      if (read.kind === "bytes") bytes += read.bytes.length;
      batch.push(read);
    }
    yield* batch;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
function readSmallFile(path) {
  let buffer = null;
  const length = readSmall(path, (size) => buffer = Buffer.allocUnsafe(size));
  return length === null ? { kind: "defer" } : { kind: "bytes", bytes: buffer.subarray(0, length) };
}
function readSmallFileInto(path, scratch2) {
  return readSmall(path, (size) => {
    if (scratch2.buffer.length < size)
      scratch2.buffer = new Uint8Array(Math.max(size, 2 * scratch2.buffer.length));
    return scratch2.buffer;
  });
}
function readSmall(path, into) {
  let fd;
  try {
    fd = openSync(path, constants3.O_RDONLY | constants3.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > PREFETCH_MAX_BYTES) return null;
    return readWhole(fd, info.size, into(info.size + 1));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
function readWhole(fd, size, buffer) {
  const room = Math.min(buffer.length, size + 1);
  let length = 0;
  for (; ; ) {
    const n = readSync(fd, buffer, length, room - length, null);
    if (n === 0) return length;
    length += n;
    if (length === room) return null;
    if (length === size) return length;
  }
}

// src/reports/kind.ts
function kindFromName(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".gz") || lower.endsWith(".gzip")) return "gzip";
  if (lower.endsWith(".eml")) return "eml";
  if (lower.endsWith(".mbox") || lower.endsWith(".mbx")) return "mbox";
  if (lower.endsWith(".zip")) return "zip";
  return null;
}
function hasNoExtension(name) {
  const base = name.split(/[\\/]/).pop() ?? name;
  return !/\.[A-Za-z0-9]{1,8}$/.test(base);
}
var HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;
function kindFromBytes(head) {
  if (isGzip(head)) return "gzip";
  if (isZip(head)) return "zip";
  if (looksLikeJson(head)) return "json";
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 256)).toString("latin1");
  if (text.startsWith("From ")) return "mbox";
  if (HEADER_LINE.test(text)) return "eml";
  return null;
}
function decideKind(name, head, explicit) {
  const byBytes = kindFromBytes(head);
  if (byBytes === "gzip" || byBytes === "zip") return byBytes;
  const byName = kindFromName(name);
  if (byName === "gzip" || byName === "zip") return byName;
  if (byName) return byName;
  if (explicit || hasNoExtension(name)) return byBytes ?? (explicit ? "unknown" : "skip");
  return "skip";
}

// src/reports/payload.ts
function readPayload(input, policyDomain) {
  const inflated = inflatePayload(input);
  if (inflated.ok !== true) return inflated;
  return readJsonPayload(inflated.bytes, policyDomain);
}
function inflatePayload(input) {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  }
  if (!looksLikeJson(bytes)) return { ok: "not-json" };
  return { ok: true, bytes };
}
function readJsonPayload(bytes, policyDomain) {
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseReport(decoded.value, { policyDomain });
  if (!parsed.ok) return parsed;
  const report = parsed.report;
  if (decoded.bom) report.quirks.push({ code: "bom", detail: "UTF-8 byte order mark before the JSON" });
  return { ok: true, digest: digestReport(report) };
}

// src/reports/report-file.ts
var SNIFF_BYTES = 512;
function fileCap(kind) {
  return kind === "eml" || kind === "unknown" ? MAX_MESSAGE_BYTES : MAX_FILE_BYTES;
}
function judgeSmallFile(path, explicit, bytes) {
  const prepared = prepareSmallFile(path, explicit, bytes);
  return prepared.kind === "json" ? finishSmallFile(path, prepared.bytes) : prepared;
}
function prepareSmallFile(path, explicit, bytes) {
  const kind = decideKind(path, bytes.subarray(0, SNIFF_BYTES), explicit);
  if (kind === "skip") return { kind: "skip" };
  const cap = fileCap(kind);
  if (bytes.length > cap) {
    return {
      kind: "invalid",
      error: `${bytes.length} bytes, more than the limit of ${cap} for a ${kind} file`
    };
  }
  if (kind !== "json" && kind !== "gzip") return { kind: "other", fileKind: kind };
  const inflated = inflatePayload(bytes);
  if (inflated.ok === true) return { kind: "json", bytes: inflated.bytes };
  return { kind: "invalid", error: inflated.ok === "not-json" ? notJsonReason(bytes) : inflated.error };
}
function finishSmallFile(path, json) {
  const reading = readJsonPayload(json, policyDomainFromFilename(path));
  return reading.ok ? { kind: "report", digest: reading.digest } : { kind: "invalid", error: reading.error };
}
function notJsonReason(bytes) {
  const text = bytes.subarray(0, 16).toString("latin1").trim();
  if (text.startsWith("<")) return "not a TLS-RPT report: XML (a DMARC report?), not JSON";
  if (text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").startsWith("[")) {
    return "not a TLS-RPT report: a JSON array, where RFC 8460 \xA74.4 has an object";
  }
  return bytes.length === 0 ? "empty" : "not valid JSON: does not start with an object";
}

// src/reports/inflated-files.ts
var MAX_INFLATED_BATCH_BYTES = 8 * 1024 * 1024;
function inflateFiles(files) {
  let bytes = Buffer.allocUnsafeSlow(Math.max(1, files.length) * BYTES_PER_FILE);
  const ends = new Uint32Array(files.length);
  const others = [];
  let total = 0;
  const room = (needed) => {
    if (total + needed <= bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(total + needed, 2 * bytes.length));
    grown.set(bytes.subarray(0, total));
    bytes = grown;
  };
  for (let i = 0; i < files.length; i++) {
    if (total >= MAX_INFLATED_BATCH_BYTES) others.push([i, DEFER]);
    else {
      const placed = inflateInPlace(files[i], total, room, () => bytes);
      if (placed !== null) total += placed;
      else {
        const prepared = prepareFileJob(files[i]);
        if (prepared.kind === "json") {
          room(prepared.bytes.length);
          bytes.set(prepared.bytes, total);
          total += prepared.bytes.length;
        } else others.push([i, prepared]);
      }
    }
    ends[i] = total;
  }
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, total), ends, others };
}
var DEFER = { kind: "defer" };
var BYTES_PER_FILE = 1024;
var scratch = { buffer: new Uint8Array(64 * 1024) };
function inflateInPlace(f, at, room, batch) {
  const length = readSmallFileInto(f.path, scratch);
  if (length === null || length > fileCap("gzip")) return null;
  const input = scratch.buffer.subarray(0, length);
  if (!isGzip(input)) return null;
  const isize = gzipTrailerSize(input);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  room(isize + 1);
  const out = batch();
  const inflated = gunzipSmallInto(input, out, at);
  if (inflated === null || !looksLikeJson(out.subarray(at, at + inflated))) return null;
  return inflated;
}
function prepareFileJob(f) {
  try {
    const read = readSmallFile(f.path);
    if (read.kind === "defer") return DEFER;
    const prepared = prepareSmallFile(f.path, f.explicit, read.bytes);
    return prepared.kind === "other" ? DEFER : prepared;
  } catch (error) {
    return thrownOutcome(error);
  }
}
function thrownOutcome(error) {
  return { kind: "throw", error: error instanceof Error ? error.message : String(error) };
}

// src/reports/pool.ts
var WORKERS_ENV = "MTA_STS_GUARD_REPORT_WORKERS";
var MAX_WORKERS = 4;
var WORKER_YOUNG_GENERATION_MB = 8;
var WORKER_OLD_GENERATION_MB = 64;
var FILE_WORKER_YOUNG_GENERATION_MB = 16;
var MAX_RESPAWNS = 4;
var BATCH = 8;
function poolSize(env = process.env) {
  const raw = env[WORKERS_ENV];
  if (raw !== void 0 && raw !== "") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKERS) {
      throw new ConfigurationError(
        `${WORKERS_ENV} must be a whole number from 0 to ${MAX_WORKERS}, got "${raw}"`
      );
    }
    return n;
  }
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_WORKERS);
}
function filePoolSize(env = process.env) {
  const raw = env[WORKERS_ENV];
  if (raw !== void 0 && raw !== "") return poolSize(env);
  return Math.max(0, poolSize(env) - 1);
}
function workersAvailable() {
  return /\.m?js$/.test(new URL(import.meta.url).pathname);
}
var ParserPool = class {
  /** `youngGenerationMb`: see WORKER_YOUNG_GENERATION_MB and FILE_WORKER_YOUNG_GENERATION_MB. */
  constructor(size, youngGenerationMb = WORKER_YOUNG_GENERATION_MB) {
    this.youngGenerationMb = youngGenerationMb;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }
  youngGenerationMb;
  slots = [];
  pending = [];
  nextId = 0;
  respawns = 0;
  closing = false;
  /** Queues report bytes for parsing; the answer comes from result(). */
  submit(bytes, hint) {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    let resolve;
    const promise = new Promise((res) => resolve = res);
    const ticket = { sent: false, promise, resolve, job: { bytes: copy, hint }, original: bytes };
    this.pending.push(ticket);
    if (this.pending.length >= BATCH) this.flush();
    return ticket;
  }
  async result(ticket) {
    if (!ticket.sent) this.flush();
    const r = await ticket.promise;
    if (r.ok === "throw") throw new Error(r.error);
    return r;
  }
  /** Sends the queued jobs to the least busy worker. */
  flush() {
    if (this.pending.length === 0) return;
    const tickets = this.pending;
    this.pending = [];
    for (const t of tickets) t.sent = true;
    this.send(
      {
        size: tickets.length,
        answer: (results) => tickets.forEach((t, i) => t.resolve(unpack(results[i]))),
        here: () => tickets.forEach((t) => t.resolve(parseHere(t)))
      },
      (id) => ({ id, jobs: tickets.map((t) => t.job) }),
      tickets.map((t) => t.job.bytes.buffer)
    );
  }
  /**
   * Files a worker reads, gunzips and parses itself, so that reading costs the main thread
   * nothing either. The outcomes come back in the order of `files`, as a function that builds
   * them: the JSON text is parsed only when the caller is ready to use the outcomes, so a
   * batch waiting its turn holds one string, not thousands of objects that live long enough
   * to be promoted (and then collected by a full GC).
   */
  readFiles(files) {
    return new Promise((resolve) => {
      this.send(
        {
          size: files.length,
          answer: (results) => resolve(() => unpackOutcomes(results)),
          here: () => {
            const outcomes = files.map(readFileJob);
            resolve(() => outcomes);
          }
        },
        (id) => ({ id, files }),
        []
      );
    });
  }
  /**
   * Files a worker reads and prepares up to JSON.parse (./inflated-files.ts): their JSON bytes
   * come back in one transferred buffer, for this thread to parse and count in order.
   */
  inflateFiles(files) {
    return new Promise((resolve) => {
      this.send(
        {
          size: files.length,
          answer: (results) => resolve(results),
          here: () => resolve(inflateFiles(files))
        },
        (id) => ({ id, inflate: files }),
        []
      );
    });
  }
  /** To the least busy worker; done here when every worker is gone, rather than never. */
  send(work, request, transfer) {
    const live = this.slots.filter((s) => s.load !== Number.POSITIVE_INFINITY);
    if (live.length === 0) return work.here();
    const slot = live.reduce((a, b) => b.load < a.load ? b : a);
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
  close() {
    this.closing = true;
    for (const s of this.slots) {
      s.worker.unref();
      void s.worker.terminate();
    }
    return Promise.resolve();
  }
  spawn() {
    const worker = new Worker(workerScript(), {
      workerData: { [WORKER_MARK]: true },
      argv: [PARSER_ARGV],
      resourceLimits: {
        maxYoungGenerationSizeMb: this.youngGenerationMb,
        maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB
      }
    });
    const slot = { worker, load: 0, batches: /* @__PURE__ */ new Map() };
    worker.on("message", ({ id, results }) => {
      const work = slot.batches.get(id);
      if (!work) return;
      slot.batches.delete(id);
      slot.load -= work.size;
      work.answer(results);
    });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      const unanswered = [...slot.batches.values()];
      slot.batches.clear();
      slot.load = Number.POSITIVE_INFINITY;
      for (const work of unanswered) work.here();
      if (!this.closing && this.respawns < MAX_RESPAWNS) {
        this.respawns++;
        this.slots[this.slots.indexOf(slot)] = this.spawn();
      }
    };
    worker.on("error", lost);
    worker.on("exit", lost);
    return slot;
  }
};
function parseHere(t) {
  return parseJob({ bytes: t.original, hint: t.job.hint });
}
function serve(port) {
  port.on("message", (request) => {
    if ("inflate" in request) {
      const results2 = inflateFiles(request.inflate);
      port.postMessage({ id: request.id, results: results2 }, [results2.bytes.buffer]);
      return;
    }
    let results;
    if ("files" in request) results = readPacked(request.files);
    else results = request.jobs.map((j) => pack(parseJob(j)));
    port.postMessage({ id: request.id, results });
  });
}
function readFileJob(f) {
  const prepared = prepareFileJob(f);
  if (prepared.kind !== "json") return prepared;
  try {
    return finishSmallFile(f.path, prepared.bytes);
  } catch (error) {
    return thrownOutcome(error);
  }
}
function packOutcome(o) {
  if (o.kind === "report") {
    for (const p of o.digest.policies) {
      if (p.tally.details === 0) p.tally = null;
    }
  }
  return JSON.stringify(o);
}
function readPacked(files) {
  return `[${files.map((f) => packOutcome(readFileJob(f))).join(",")}]`;
}
function unpackOutcomes(text) {
  const outcomes = JSON.parse(text);
  for (const o of outcomes) {
    if (o.kind !== "report") continue;
    for (const p of o.digest.policies) p.tally ??= EMPTY_TALLY;
  }
  return outcomes;
}
function pack(r) {
  if (r.ok === true) packDigest(r.digest);
  return r;
}
function unpack(r) {
  if (r.ok === true) unpackDigest(r.digest);
  return r;
}
function packDigest(digest) {
  for (const p of digest.policies) {
    const t = p.tally;
    const ips = t.ips;
    if (ips.length < 2) continue;
    const lengths = new Uint32Array(ips.length);
    for (let i = 0; i < ips.length; i++) lengths[i] = ips[i].length;
    t.ips = { text: ips.join(""), lengths };
  }
}
function unpackDigest(digest) {
  for (const p of digest.policies) {
    const t = p.tally;
    if (Array.isArray(t.ips)) continue;
    const { text, lengths } = t.ips;
    const ips = new Array(lengths.length);
    for (let i = 0, at = 0; i < lengths.length; at += lengths[i], i++)
      ips[i] = text.slice(at, at + lengths[i]);
    t.ips = ips;
  }
}
var WORKER_BUNDLE = "report-worker.js";
function workerScript() {
  for (const folder of ["./", "../"]) {
    const dedicated = new URL(`${folder}${WORKER_BUNDLE}`, import.meta.url);
    if (existsSync(fileURLToPath(dedicated))) return dedicated;
  }
  return new URL(import.meta.url);
}
function parseJob(j) {
  try {
    return readPayload(j.bytes, j.hint);
  } catch (error) {
    return { ok: "throw", error: error instanceof Error ? error.message : String(error) };
  }
}
if (isParserThread()) serve(parentPort);

export {
  MAX_MESSAGE_BYTES,
  MAX_HEADER_VALUE_CHARS,
  MAX_MIME_DEPTH,
  MAX_MIME_PARTS,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_ENTRY_BYTES,
  MAX_ZIP_TOTAL_BYTES,
  MAX_ZIP_NESTING,
  prefetchInOrder,
  decideKind,
  readPayload,
  SNIFF_BYTES,
  fileCap,
  judgeSmallFile,
  finishSmallFile,
  notJsonReason,
  WORKERS_ENV,
  MAX_WORKERS,
  FILE_WORKER_YOUNG_GENERATION_MB,
  poolSize,
  filePoolSize,
  workersAvailable,
  ParserPool,
  readFileJob,
  workerScript
};
