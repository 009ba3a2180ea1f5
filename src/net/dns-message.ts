/**
 * A small, validated DNS message codec (RFC 1035 §4.1): the one query we send and the answers
 * we read. It replaces dns2's packet handling, whose bit-by-bit reader trusted the header's
 * section counts: a 27-byte answer claiming 65,535 records blocked the event loop for seconds
 * and came back as "no records" (issue 9, class 3), and it was 7.5% of a live run's CPU
 * (issue 11).
 *
 * Every read is bounds-checked, the section counts are checked against the packet length before
 * any record is read, compression pointers must point backwards (so a name ends in at most
 * `offset` hops) and the work is linear in the packet size. Anything that does not fit is a
 * DnsMessageError, which the transports turn into a 'malformed' lookup failure, never "no
 * records".
 */

/** RFC 1035 §3.2.2 / RFC 3596 §2.1 type codes of the records we ask for. */
export const DNS_TYPE = { A: 1, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 } as const;
export type QueryType = keyof typeof DNS_TYPE;
/** RFC 1035 §3.2.4. */
const CLASS_IN = 1;

/** RFC 1035 §4.1.1: the fixed header. */
const HEADER_BYTES = 12;
/** The smallest question: root name (1) + type (2) + class (2). */
const MIN_QUESTION_BYTES = 5;
/** The smallest record: root name (1) + type, class (4) + ttl (4) + rdlength (2). */
const MIN_RECORD_BYTES = 11;
/** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, a label at most 63. */
const MAX_NAME_BYTES = 255;
const MAX_LABEL_BYTES = 63;

/** A message that breaks RFC 1035's structure. */
export class DnsMessageError extends Error {}

export interface DnsHeader {
  id: number;
  qr: number;
  opcode: number;
  aa: number;
  tc: number;
  rd: number;
  ra: number;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

/** One resource record; the typed fields are set for the types we read, as dns2 named them. */
export interface DnsRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** A / AAAA. */
  address?: string;
  /** MX (RFC 1035 §3.3.9); the root name is ''. */
  exchange?: string;
  priority?: number;
  /** CNAME target (RFC 1035 §3.3.1). */
  domain?: string;
  /** TXT: one string per character-string (RFC 1035 §3.3.14). */
  data?: string[];
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

/** The wire form of one recursive query (RD=1) for `name`/`type`, class IN. */
export function encodeQuery(id: number, name: string, type: QueryType): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label.length > 0)
    .map((label) => Buffer.from(label, 'latin1'));
  for (const label of labels) {
    if (label.length > MAX_LABEL_BYTES) throw new DnsMessageError(`label longer than 63 octets in ${name}`);
  }
  const nameBytes = labels.reduce((sum, label) => sum + 1 + label.length, 1);
  if (nameBytes > MAX_NAME_BYTES) throw new DnsMessageError(`name longer than 255 octets: ${name}`);
  const out = Buffer.alloc(HEADER_BYTES + nameBytes + 4);
  out.writeUInt16BE(id, 0);
  out.writeUInt16BE(0x0100, 2); // RD
  out.writeUInt16BE(1, 4); // QDCOUNT
  let offset = HEADER_BYTES;
  for (const label of labels) {
    out[offset++] = label.length;
    label.copy(out, offset);
    offset += label.length;
  }
  out[offset++] = 0;
  out.writeUInt16BE(DNS_TYPE[type], offset);
  out.writeUInt16BE(CLASS_IN, offset + 2);
  return out;
}

/** Parses a whole message; throws DnsMessageError when it is not a well-formed RFC 1035 message. */
export function parseMessage(packet: Buffer): DnsMessage {
  if (packet.length < HEADER_BYTES)
    throw new DnsMessageError(`${packet.length}-byte message is shorter than a header`);
  const flags = packet.readUInt16BE(2);
  const header: DnsHeader = {
    id: packet.readUInt16BE(0),
    qr: flags >>> 15,
    opcode: (flags >>> 11) & 0xf,
    aa: (flags >>> 10) & 1,
    tc: (flags >>> 9) & 1,
    rd: (flags >>> 8) & 1,
    ra: (flags >>> 7) & 1,
    rcode: flags & 0xf,
    qdcount: packet.readUInt16BE(4),
    ancount: packet.readUInt16BE(6),
    nscount: packet.readUInt16BE(8),
    arcount: packet.readUInt16BE(10),
  };
  // The count-bomb guard: every counted entry needs at least its minimum size in the packet.
  const claimed =
    header.qdcount * MIN_QUESTION_BYTES +
    (header.ancount + header.nscount + header.arcount) * MIN_RECORD_BYTES;
  if (claimed > packet.length - HEADER_BYTES) {
    throw new DnsMessageError(
      `header claims ${header.qdcount}+${header.ancount}+${header.nscount}+${header.arcount} entries, ` +
        `more than ${packet.length} bytes can hold`,
    );
  }
  const reader = { offset: HEADER_BYTES };
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < header.qdcount; i++) {
    const name = readName(packet, reader);
    need(packet, reader.offset, 4, 'question');
    questions.push({
      name,
      type: packet.readUInt16BE(reader.offset),
      class: packet.readUInt16BE(reader.offset + 2),
    });
    reader.offset += 4;
  }
  const answers = readRecords(packet, reader, header.ancount);
  const authorities = readRecords(packet, reader, header.nscount);
  const additionals = readRecords(packet, reader, header.arcount);
  if (reader.offset !== packet.length) {
    throw new DnsMessageError(`${packet.length - reader.offset} bytes after the last record`);
  }
  return { header, questions, answers, authorities, additionals };
}

function readRecords(packet: Buffer, reader: { offset: number }, count: number): DnsRecord[] {
  const records: DnsRecord[] = [];
  for (let i = 0; i < count; i++) {
    const name = readName(packet, reader);
    need(packet, reader.offset, 10, 'record header');
    const type = packet.readUInt16BE(reader.offset);
    const record: DnsRecord = {
      name,
      type,
      class: packet.readUInt16BE(reader.offset + 2),
      ttl: packet.readUInt32BE(reader.offset + 4),
    };
    const length = packet.readUInt16BE(reader.offset + 8);
    const start = reader.offset + 10;
    need(packet, start, length, 'record data');
    const end = start + length;
    readData(packet, record, start, end);
    reader.offset = end;
    records.push(record);
  }
  return records;
}

/** Decodes the RDATA of the types we read; other types are skipped (their length was checked). */
function readData(packet: Buffer, record: DnsRecord, start: number, end: number): void {
  const length = end - start;
  switch (record.type) {
    case DNS_TYPE.A:
      if (length !== 4) throw new DnsMessageError(`A record of ${length} bytes`);
      record.address = `${packet[start]}.${packet[start + 1]}.${packet[start + 2]}.${packet[start + 3]}`;
      return;
    case DNS_TYPE.AAAA:
      if (length !== 16) throw new DnsMessageError(`AAAA record of ${length} bytes`);
      record.address = ipv6Text(packet.subarray(start, end));
      return;
    case DNS_TYPE.MX: {
      if (length < 3) throw new DnsMessageError(`MX record of ${length} bytes`);
      record.priority = packet.readUInt16BE(start);
      const inner = { offset: start + 2 };
      record.exchange = readName(packet, inner);
      if (inner.offset !== end) throw new DnsMessageError('MX record data does not end with its name');
      return;
    }
    case DNS_TYPE.CNAME: {
      const inner = { offset: start };
      record.domain = readName(packet, inner);
      if (inner.offset !== end) throw new DnsMessageError('CNAME record data does not end with its name');
      return;
    }
    case DNS_TYPE.TXT: {
      const strings: string[] = [];
      let offset = start;
      while (offset < end) {
        const size = packet[offset]!;
        if (offset + 1 + size > end) throw new DnsMessageError('TXT character-string overruns its record');
        strings.push(packet.toString('utf8', offset + 1, offset + 1 + size));
        offset += 1 + size;
      }
      record.data = strings;
      return;
    }
    default:
      return;
  }
}

/**
 * RFC 1035 §4.1.4 names with compression. A pointer must point strictly before the place it was
 * read from, so following pointers always ends; the 255-octet cap bounds the labels read.
 */
function readName(packet: Buffer, reader: { offset: number }): string {
  const labels: string[] = [];
  let offset = reader.offset;
  let resumeAt = -1;
  let octets = 1;
  for (;;) {
    need(packet, offset, 1, 'name');
    const length = packet[offset]!;
    if (length === 0) {
      offset += 1;
      break;
    }
    const kind = length & 0xc0;
    if (kind === 0xc0) {
      need(packet, offset, 2, 'name pointer');
      const target = packet.readUInt16BE(offset) & 0x3fff;
      if (target >= offset) throw new DnsMessageError('name pointer does not point backwards');
      if (resumeAt < 0) resumeAt = offset + 2;
      offset = target;
      continue;
    }
    if (kind !== 0) throw new DnsMessageError(`reserved label type 0x${length.toString(16)}`);
    octets += 1 + length;
    if (octets > MAX_NAME_BYTES) throw new DnsMessageError('name longer than 255 octets');
    need(packet, offset + 1, length, 'label');
    labels.push(packet.toString('latin1', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  reader.offset = resumeAt >= 0 ? resumeAt : offset;
  return labels.join('.');
}

function need(packet: Buffer, offset: number, bytes: number, what: string): void {
  if (offset + bytes > packet.length) throw new DnsMessageError(`${what} runs past the end of the message`);
}

/** RFC 5952 §4 text form: lower case, no leading zeros, the longest run of 2+ zero groups as `::`. */
export function ipv6Text(bytes: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
