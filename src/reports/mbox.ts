/**
 * Splits an mbox stream into messages without ever holding more than one message (capped) and
 * one chunk in memory, so a mailbox of any size can be read.
 *
 * A message starts at a "From " line (the mbox From_ line) when the line before it is blank
 * (or it is the first line), or when it looks like a From_ line (`From sender Thu Jan  1
 * 00:00:00 2024`): mboxo writers do not escape "From " in bodies, and some writers do not
 * leave a blank line. mboxrd quoting (">From ") is undone.
 */
import { MAX_MESSAGE_BYTES } from './limits.js';

const LF = 0x0a;
const CR = 0x0d;
const NL_FROM = Buffer.from('\nFrom ', 'latin1');
const FROM = Buffer.from('From ', 'latin1');
/** asctime-style date on a From_ line (Thunderbird writes "From - ", Gmail adds a zone). */
const FROM_LINE = /^From \S+\s+[A-Za-z]{3},? +[A-Za-z]{3} +\d{1,2} +\d{1,2}:\d{2}/;
/** "From " lines after a blank line still need a sender and a time to be taken as separators. */
const LOOSE_FROM_LINE = /^From \S+ .*\d{1,2}:\d{2}/;
/** A line longer than this is body content, not a From_ line; it is not carried whole. */
const MAX_CARRY = 64 * 1024;

export interface MboxMessage {
  /** 1-based position in the mailbox. */
  index: number;
  /** The message bytes (From_ line removed), or null when it exceeded the cap. */
  bytes: Buffer | null;
  size: number;
}

export async function* splitMbox(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  maxMessageBytes = MAX_MESSAGE_BYTES,
): AsyncGenerator<MboxMessage> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let index = 1;
  let carry: Buffer = Buffer.alloc(0);
  let midLine = false;
  let lastLineBlank = true;
  let atFileStart = true;

  const append = (b: Buffer): void => {
    if (b.length === 0) return;
    size += b.length;
    if (oversized) return;
    if (size > maxMessageBytes) {
      oversized = true;
      parts = [];
      return;
    }
    parts.push(b);
  };
  const take = (): MboxMessage | null => {
    const message: MboxMessage = { index, bytes: oversized ? null : finish(parts), size };
    const empty = !oversized && message.bytes!.every((c) => c === LF || c === CR || c === 0x20 || c === 0x09);
    parts = [];
    size = 0;
    oversized = false;
    if (empty) return null;
    index++;
    return message;
  };

  /** Splits the complete lines of one buffer; what follows its last line break is carried. */
  function* scan(buf: Buffer): Generator<MboxMessage> {
    const end = buf.lastIndexOf(LF) + 1;
    if (end === 0) {
      carry = buf;
      if (carry.length > MAX_CARRY) {
        append(carry);
        carry = Buffer.alloc(0);
        midLine = true;
        lastLineBlank = false;
      }
      return;
    }
    let segStart = 0;
    let pos = 0;
    for (;;) {
      let c: number;
      if (pos === 0 && !midLine && buf.subarray(0, FROM.length).equals(FROM)) {
        c = 0;
      } else {
        const i = buf.indexOf(NL_FROM, pos === 0 ? 0 : pos - 1);
        if (i < 0) break;
        c = i + 1;
      }
      const lineEnd = buf.indexOf(LF, c);
      if (c >= end || lineEnd < 0 || lineEnd >= end) break;
      const line = buf.subarray(c, lineEnd).toString('latin1');
      let prevBlank: boolean;
      if (c === 0) {
        prevBlank = lastLineBlank;
      } else {
        const prevStart = c >= 2 ? buf.lastIndexOf(LF, c - 2) + 1 : 0;
        const prevLen = c - 1 - prevStart;
        prevBlank = prevLen === 0 || (prevLen === 1 && buf[c - 2] === CR);
      }
      const separator =
        (atFileStart && c === 0) || FROM_LINE.test(line) || (prevBlank && LOOSE_FROM_LINE.test(line));
      pos = lineEnd + 1;
      if (!separator) continue;
      append(buf.subarray(segStart, c));
      const message = take();
      if (message) yield message;
      segStart = lineEnd + 1;
    }
    atFileStart = false;
    midLine = false;
    append(buf.subarray(segStart, end));
    const lastStart = end >= 2 ? buf.lastIndexOf(LF, end - 2) + 1 : 0;
    const lastLen = end - 1 - lastStart;
    lastLineBlank = lastLen === 0 || (lastLen === 1 && buf[end - 2] === CR);
    carry = Buffer.from(buf.subarray(end));
  }

  for await (const chunk of chunks) {
    const data =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'latin1')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const firstLf = carry.length > 0 ? data.indexOf(LF) : -1;
    if (carry.length === 0) yield* scan(data);
    else if (firstLf < 0) yield* scan(Buffer.concat([carry, data]));
    else {
      // The carried partial line joins this chunk's first line only: copying the whole chunk
      // to prepend it doubled the bytes allocated per read (1 MiB each, issue 4).
      yield* scan(Buffer.concat([carry, data.subarray(0, firstLf + 1)]));
      yield* scan(data.subarray(firstLf + 1));
    }
  }
  append(carry);
  const message = take();
  if (message) yield message;
}

function finish(parts: Buffer[]): Buffer {
  // A message within one chunk is a view of it (no copy: a mailbox is mostly such messages);
  // the chunk is freed once the messages that view it are.
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  // mboxrd: one ">" was added in front of every line that began with ">*From ".
  if (bytes.indexOf('\n>From ', 0, 'latin1') < 0 && !bytes.subarray(0, 6).equals(Buffer.from('>From '))) {
    return bytes;
  }
  return Buffer.from(bytes.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1');
}
