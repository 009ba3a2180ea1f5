/**
 * The default resolver (DESIGN.md `--resolver`: "default: the system's first nameserver"):
 * the first `nameserver` line of /etc/resolv.conf, as the C library would ask first. Never a
 * public resolver chosen by us or by dns2.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ResolverAddress } from '../config.js';

export const RESOLV_CONF = '/etc/resolv.conf';
const DNS_PORT = 53;
/** resolv.conf(5): with no nameserver line the resolver on the local machine is used. */
const NO_NAMESERVER_DEFAULT: ResolverAddress = { host: '127.0.0.1', port: DNS_PORT };

/** The first `nameserver` of a resolv.conf text; a zone index (`fe80::1%eth0`) is kept. */
export function firstNameserver(text: string): ResolverAddress | null {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!match) continue;
    const host = match[1]!;
    if (isIP(host.replace(/%.*$/, '')) !== 0) return { host, port: DNS_PORT };
  }
  return null;
}

/** Reads the system's first nameserver; falls back as resolv.conf(5) does when there is none. */
export async function systemNameserver(path = RESOLV_CONF): Promise<ResolverAddress> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return NO_NAMESERVER_DEFAULT;
  }
  return firstNameserver(text) ?? NO_NAMESERVER_DEFAULT;
}
