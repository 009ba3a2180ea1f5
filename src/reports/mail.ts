/**
 * One mail message → the parts that may hold a TLS-RPT report (RFC 8460 §5.3).
 *
 * A message is a TLS-RPT message when it says so (multipart/report with report-type=tlsrpt, a
 * TLS-Report-Domain header, or an application/tlsrpt+gzip / +json part). Its candidate parts are
 * every leaf whose media type can carry a report (tlsrpt, gzip, x-gzip, octet-stream, json) or
 * whose file name ends in .json or .gz: relays and forwarding clients relabel attachments.
 */
import { decodeBody, leafParts, parseMessage, partFilename, type MimePart } from './mime.js';

const TLSRPT_TYPES = new Set(['application/tlsrpt+gzip', 'application/tlsrpt+json']);
const CARRIER_TYPES = new Set([
  ...TLSRPT_TYPES,
  'application/gzip',
  'application/x-gzip',
  'application/gzip-compressed',
  'application/x-gzip-compressed',
  'application/octet-stream',
  'application/json',
]);

export interface MailCandidate {
  /** Attachment file name, when the message names one. */
  filename: string | null;
  mediaType: string;
  /** Transfer-decoded bytes (still gzip when the part is gzip). */
  bytes: Buffer;
  /** The part's media type says TLS-RPT. */
  tlsrptTyped: boolean;
}

export interface MailReading {
  /** The message declares itself a TLS-RPT report. */
  isTlsRpt: boolean;
  messageId: string | null;
  /** RFC 8460 §5.3 TLS-Report-Domain header. */
  reportDomain: string | null;
  candidates: MailCandidate[];
  notes: string[];
}

export function readMail(bytes: Buffer): MailReading {
  const root = parseMessage(bytes);
  const messages = [root, ...innerMessages(root)];
  const header = (name: string): string | null => {
    for (const m of messages) {
      const v = m.headers.get(name);
      if (v) return v;
    }
    return null;
  };
  const reportDomain = header('tls-report-domain');
  const leaves = leafParts(root);
  const candidates: MailCandidate[] = [];
  for (const leaf of leaves) {
    const filename = partFilename(leaf);
    const mediaType = leaf.contentType.mediaType;
    const named = filename !== null && /\.(json|gz)$/i.test(filename);
    if (!CARRIER_TYPES.has(mediaType) && !named) continue;
    candidates.push({
      filename,
      mediaType,
      bytes: decodeBody(leaf),
      tlsrptTyped: TLSRPT_TYPES.has(mediaType),
    });
  }
  const isTlsRpt =
    reportDomain !== null ||
    candidates.some((c) => c.tlsrptTyped) ||
    messages.some(
      (m) =>
        m.contentType.mediaType === 'multipart/report' &&
        (m.contentType.params['report-type'] ?? '').toLowerCase() === 'tlsrpt',
    );
  return {
    isTlsRpt,
    messageId: header('message-id'),
    reportDomain: reportDomain ? reportDomain.trim().toLowerCase() : null,
    candidates,
    notes: collectNotes(root),
  };
}

function innerMessages(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart): void => {
    for (const c of p.children) {
      if (p.contentType.mediaType === 'message/rfc822') out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function collectNotes(root: MimePart): string[] {
  const out: string[] = [];
  const walk = (p: MimePart): void => {
    out.push(...p.notes);
    p.children.forEach(walk);
  };
  walk(root);
  return out;
}
