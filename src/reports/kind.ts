/**
 * What a report input is: by its name first, then by its first bytes (gzip and zip magic,
 * a JSON object, an mbox From_ line, mail headers). Magic bytes win over a misleading name:
 * attachments and artifacts are often renamed.
 */
import { isGzip, isZip, looksLikeJson } from './decode.js';

export type InputKind = 'json' | 'gzip' | 'eml' | 'mbox' | 'zip';

/** Kind by file name; null when the name says nothing we know. */
export function kindFromName(name: string): InputKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.gz') || lower.endsWith('.gzip')) return 'gzip';
  if (lower.endsWith('.eml')) return 'eml';
  if (lower.endsWith('.mbox') || lower.endsWith('.mbx')) return 'mbox';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

/** True when the last path segment has no extension at all. */
export function hasNoExtension(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return !/\.[A-Za-z0-9]{1,8}$/.test(base);
}

const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;

/** Kind by content; null when the bytes look like nothing we read. */
export function kindFromBytes(head: Uint8Array): InputKind | null {
  if (isGzip(head)) return 'gzip';
  if (isZip(head)) return 'zip';
  if (looksLikeJson(head)) return 'json';
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 256)).toString('latin1');
  if (text.startsWith('From ')) return 'mbox';
  if (HEADER_LINE.test(text)) return 'eml';
  return null;
}

/**
 * The kind to read an input as. `explicit`: the user named this file, so it is read even when
 * neither name nor content is recognised (and then reported invalid). Found by a folder walk or
 * a glob, a file with an unknown extension is read only when its bytes are gzip or zip (report
 * files renamed without `.gz`); one with no extension at all is sniffed fully.
 */
export function decideKind(
  name: string,
  head: Uint8Array,
  explicit: boolean,
): InputKind | 'unknown' | 'skip' {
  const byBytes = kindFromBytes(head);
  if (byBytes === 'gzip' || byBytes === 'zip') return byBytes;
  const byName = kindFromName(name);
  if (byName === 'gzip' || byName === 'zip') return byName; // wrong magic: reported as invalid
  if (byName) return byName;
  if (explicit || hasNoExtension(name)) return byBytes ?? (explicit ? 'unknown' : 'skip');
  return 'skip';
}
