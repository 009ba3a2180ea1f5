/**
 * DNS messages on the wire (RFC 1035 §4.1): the query we send, and a bounded reader of answers.
 *
 * Answers come from a server we do not control (issue 9 class 3). The reader therefore never
 * trusts the header: section counts are checked against what the packet's length can hold
 * before anything is read, names may only point backwards (RFC 1035 §4.1.4) with a bounded
 * number of hops, every record must lie inside the packet and inside its own RDLENGTH, and a
 * message that does not parse exactly is an error, never an answer with fewer records. Work is
 * linear in the packet size, which is at most 65,535 bytes, so a parse is bounded in time.
 * Bytes after the last record are ignored, as the record counts say where the message ends.
 */

/** The parts of a parsed answer that the resolver reads (the shape dns2's Packet had). */
export interface DnsRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** A, AAAA. */
  address?: string;
  /** MX. */
  exchange?: string;
  priority?: number;
  /** TXT: the character-strings of one record (RFC 1035 §3.3.14), UTF-8 decoded. */
  data?: string[];
  /** CNAME. */
  domain?: string;
}

export interface DnsPacket {
  header: { id: number; qr: number; tc: number; rcode: number; qdcount: number; ancount: number };
  answers: DnsRecord[];
}

/** An answer that cannot be read; the transport reports it as 'malformed'. */
export class DnsMessageError extends Error {}

/** RFC 1035 §4.1.1. */
const HEADER_BYTES = 12;
/** The smallest question: the root name (1 byte), QTYPE and QCLASS. */
const MIN_QUESTION_BYTES = 5;
/** The smallest resource record: root name, TYPE, CLASS, TTL, RDLENGTH. */
const MIN_RECORD_BYTES = 11;
/** RFC 1035 §2.3.4. */
const MAX_NAME_OCTETS = 255;
const MAX_LABEL_OCTETS = 63;
/** A name of at most 127 labels needs no more pointer hops than that. */
const MAX_POINTER_HOPS = 127;

export const TYPE = { A: 1, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 } as const;
export type QueryType = keyof typeof TYPE;
const CLASS_IN = 1;

/** The query (RD=1, one question, class IN) for `name`/`type` with message id `id`. */
export function encodeQuery(id: number, name: string, type: QueryType): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const nameBytes = labels.reduce((sum, label) => sum + 1 + Buffer.byteLength(label), 1);
  const out = Buffer.alloc(HEADER_BYTES + nameBytes + 4);
  out.writeUInt16BE(id, 0);
  out.writeUInt16BE(0x0100, 2); // RD
  out.writeUInt16BE(1, 4); // QDCOUNT
  let at = HEADER_BYTES;
  for (const label of labels) {
    const length = out.write(label, at + 1);
    out[at] = length;
    at += 1 + length;
  }
  out[at++] = 0;
  out.writeUInt16BE(TYPE[type], at);
  out.writeUInt16BE(CLASS_IN, at + 2);
  return out;
}

/** Reads an answer; throws DnsMessageError for anything it cannot read in full. */
export function parseDnsMessage(packet: Buffer): DnsPacket {
  if (packet.length < HEADER_BYTES) throw new DnsMessageError(`${packet.length}-byte message has no header`);
  const flags = packet.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((at) => packet.readUInt16BE(at)) as [number, number, number, number];
  const [qdcount, ancount, nscount, arcount] = counts;
  const least =
    HEADER_BYTES + qdcount * MIN_QUESTION_BYTES + (ancount + nscount + arcount) * MIN_RECORD_BYTES;
  if (least > packet.length) {
    throw new DnsMessageError(
      `header claims ${qdcount} questions and ${ancount + nscount + arcount} records, more than ${packet.length} bytes can hold`,
    );
  }
  const reader = { packet, at: HEADER_BYTES };
  for (let i = 0; i < qdcount; i++) {
    readName(reader);
    need(reader, 4);
    reader.at += 4;
  }
  const answers: DnsRecord[] = [];
  for (let i = 0; i < ancount; i++) answers.push(readRecord(reader));
  // Authority and additional records are walked (so a broken one is caught) but not kept.
  for (let i = 0; i < nscount + arcount; i++) readRecord(reader);
  return {
    header: {
      id: packet.readUInt16BE(0),
      qr: flags >> 15,
      tc: (flags >> 9) & 1,
      rcode: flags & 0x0f,
      qdcount,
      ancount,
    },
    answers,
  };
}

interface Reader {
  packet: Buffer;
  at: number;
}

function need(reader: Reader, bytes: number): void {
  if (reader.at + bytes > reader.packet.length) {
    throw new DnsMessageError(
      `message ends inside a record (offset ${reader.at}, ${bytes} more bytes needed)`,
    );
  }
}

function readRecord(reader: Reader): DnsRecord {
  const name = readName(reader);
  need(reader, 10);
  const { packet } = reader;
  const type = packet.readUInt16BE(reader.at);
  const cls = packet.readUInt16BE(reader.at + 2);
  // RFC 2181 §8: a TTL is an unsigned 31-bit number; larger values are clamped.
  const ttl = Math.min(packet.readUInt32BE(reader.at + 4), 0x7fffffff);
  const length = packet.readUInt16BE(reader.at + 8);
  reader.at += 10;
  need(reader, length);
  const start = reader.at;
  const end = start + length;
  const record: DnsRecord = { name, type, class: cls, ttl };
  const rdata = { packet, at: start };
  switch (type) {
    case TYPE.A:
      if (length !== 4) throw new DnsMessageError(`A record of ${length} bytes`);
      record.address = `${packet[start]}.${packet[start + 1]}.${packet[start + 2]}.${packet[start + 3]}`;
      break;
    case TYPE.AAAA:
      if (length !== 16) throw new DnsMessageError(`AAAA record of ${length} bytes`);
      record.address = ipv6Text(packet.subarray(start, end));
      break;
    case TYPE.MX:
      if (length < 3) throw new DnsMessageError(`MX record of ${length} bytes`);
      record.priority = packet.readUInt16BE(start);
      rdata.at += 2;
      record.exchange = readName(rdata, end);
      break;
    case TYPE.CNAME:
      record.domain = readName(rdata, end);
      break;
    case TYPE.TXT: {
      const strings: string[] = [];
      while (rdata.at < end) {
        const size = packet[rdata.at]!;
        if (rdata.at + 1 + size > end) throw new DnsMessageError('TXT character-string overruns its record');
        strings.push(packet.toString('utf8', rdata.at + 1, rdata.at + 1 + size));
        rdata.at += 1 + size;
      }
      record.data = strings;
      break;
    }
    default:
      break; // other types (RRSIG, OPT...) are skipped by their length
  }
  if (type !== TYPE.TXT && type !== TYPE.A && type !== TYPE.AAAA && rdata.at > end) {
    throw new DnsMessageError(`record data overruns its RDLENGTH`);
  }
  reader.at = end;
  return record;
}

/**
 * A possibly compressed name (RFC 1035 §4.1.4). Pointers must point before the name that uses
 * them (so they cannot loop) and are followed at most MAX_POINTER_HOPS times. `limit` keeps a
 * name inside its record's RDATA.
 */
function readName(reader: Reader, limit = reader.packet.length): string {
  const { packet } = reader;
  const labels: string[] = [];
  let at = reader.at;
  let octets = 1;
  let hops = 0;
  let resumeAt = -1;
  let floor = reader.at;
  for (;;) {
    if (at >= (resumeAt < 0 ? limit : packet.length)) throw new DnsMessageError('name runs past its data');
    const length = packet[at]!;
    if (length === 0) {
      at += 1;
      break;
    }
    if ((length & 0xc0) === 0xc0) {
      if (at + 1 >= packet.length) throw new DnsMessageError('name pointer cut off');
      const target = ((length & 0x3f) << 8) | packet[at + 1]!;
      if (target >= floor || ++hops > MAX_POINTER_HOPS)
        throw new DnsMessageError('name pointer loops or points forward');
      if (resumeAt < 0) resumeAt = at + 2;
      floor = target;
      at = target;
      continue;
    }
    if (length & 0xc0) throw new DnsMessageError(`reserved label type 0x${length.toString(16)}`);
    if (length > MAX_LABEL_OCTETS) throw new DnsMessageError('label longer than 63 octets');
    octets += length + 1;
    if (octets > MAX_NAME_OCTETS) throw new DnsMessageError('name longer than 255 octets');
    if (at + 1 + length > packet.length) throw new DnsMessageError('label runs past the message');
    labels.push(packet.toString('latin1', at + 1, at + 1 + length));
    at += 1 + length;
  }
  reader.at = resumeAt >= 0 ? resumeAt : at;
  if (reader.at > limit) throw new DnsMessageError('name runs past its data');
  return labels.join('.');
}

/** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as `::`. */
function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestLength < 2) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}
