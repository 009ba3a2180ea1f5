/**
 * Which reader a --zone file needs. Detected from the extension and the content, or forced with
 * a prefix on the --zone value: `bind:path/db.example.com`, `octodns:zones/example.com.yaml`,
 * `dnscontrol:ir.json`.
 *
 * Detection: `.yaml`/`.yml` → octoDNS; `.json`, or text starting with `{` that has a
 * "domains" key → DNSControl IR; anything else → BIND. DNSControl JavaScript and Terraform are
 * not read (their records exist only after running them): they are refused with a message
 * saying what to pass instead.
 */
import path from 'node:path';
import { ConfigurationError } from '../config.js';
import { looksLikeDnscontrolIr } from './dnscontrol-ir.js';

export type ZoneFormat = 'bind' | 'octodns' | 'dnscontrol';

const FORMATS: readonly ZoneFormat[] = ['bind', 'octodns', 'dnscontrol'];

/** Splits `FORMAT:PATH`; only the three format names count as a prefix. */
export function splitFormatPrefix(arg: string): { format: ZoneFormat | null; pattern: string } {
  const match = /^([a-z]+):(.+)$/i.exec(arg);
  const name = match?.[1]?.toLowerCase();
  if (match && FORMATS.includes(name as ZoneFormat))
    return { format: name as ZoneFormat, pattern: match[2]! };
  return { format: null, pattern: arg };
}

/** The format of `file` with content `text`; throws ConfigurationError for files we refuse to guess at. */
export function detectFormat(file: string, text: string): ZoneFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.js' || ext === '.ts' || ext === '.cjs' || ext === '.mjs') {
    throw new ConfigurationError(
      `--zone: ${file} is DNSControl JavaScript; run \`dnscontrol print-ir --pretty --out dnscontrol-ir.json\` and pass the JSON`,
    );
  }
  if (ext === '.tf' || ext === '.tfvars' || ext === '.hcl') {
    throw new ConfigurationError(
      `--zone: ${file} is Terraform, which is not read; pass BIND, octoDNS or DNSControl IR files`,
    );
  }
  if (ext === '.yaml' || ext === '.yml') return 'octodns';
  if (ext === '.json' || looksLikeDnscontrolIr(text)) return 'dnscontrol';
  return 'bind';
}
