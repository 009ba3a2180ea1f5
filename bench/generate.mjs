// Generates a synthetic TLS-RPT mailbox for the ingest benchmark: RFC 8460 §5.3 messages
// (multipart/report; report-type=tlsrpt, base64 application/tlsrpt+gzip attachment) with
// realistic sizes: a relay-sized header block (Received, DKIM, ARC from two hops: about 15 KiB,
// so that 1 GiB holds about 50,000 reports as issue 4 asks), a human-readable part,
// and reports from a few hundred bytes (one policy, no failures) to tens of KiB (hundreds of
// failure-details from distinct sending IPs). Beside it, the same gzipped reports length-
// prefixed in a side file, for the bare gunzip + JSON.parse baseline.
//
// Deterministic (seeded), so two runs measure the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ORGS = [
  ['Google Inc.', 'google.com', 'smtp-tls-reporting@google.com'],
  ['Microsoft Corporation', 'microsoft.com', 'tlsrpt-noreply@microsoft.com'],
  ['Mail.ru', 'mail.ru', 'tls_support@corp.mail.ru'],
  ['Yahoo', 'yahoo.com', 'tlsrpt@yahoo.com'],
  ['socketlabs.com', 'socketlabs.com', 'tlsrpt-feedback@socketlabs.com'],
];
const RESULT_TYPES = [
  'validation-failure',
  'certificate-expired',
  'starttls-not-supported',
  'certificate-host-mismatch',
  'sts-policy-fetch-error',
];
const DOMAINS = Array.from({ length: 40 }, (_, i) => `domain${i}.example`);
const DAY = 86_400_000;
const FIRST_DAY = Date.parse('2024-01-01T00:00:00Z');
/** Reports are dated on one of this many days from FIRST_DAY. */
const GENERATED_DAYS = 60;
/**
 * A run's clock and --report-window-days that take in every generated report, as a run the day
 * after them would: a window counted from today instead would list each domain's empty days
 * from 2024 on (a thousand and more, growing with the calendar) in every result.
 */
export const GENERATED_CLOCK = new Date(FIRST_DAY + GENERATED_DAYS * DAY + 12 * 3_600_000);
export const GENERATED_WINDOW_DAYS = GENERATED_DAYS + 1;

/** Small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function b64(random, n) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * 64)];
  return s;
}

function fold(s, width = 72, indent = '         ') {
  const out = [];
  for (let i = 0; i < s.length; i += width) out.push((i === 0 ? '' : indent) + s.slice(i, i + width));
  return out.join('\r\n');
}

function makeReport(random, index, smallOnly = false) {
  const [org, , contact] = ORGS[index % ORGS.length];
  const domain = DOMAINS[Math.floor(random() * DOMAINS.length)];
  const day = FIRST_DAY + Math.floor(random() * GENERATED_DAYS) * DAY;
  // 70 % small reports (no or a few failures), 30 % from big senders with hundreds to
  // thousands of failure-details (one per sending IP, MX and result type).
  const large = !smallOnly && random() < 0.3;
  const detailCount = large
    ? 200 + Math.floor(random() * 1600)
    : random() < 0.3
      ? 1 + Math.floor(random() * 3)
      : 0;
  const details = [];
  let failed = 0;
  for (let i = 0; i < detailCount; i++) {
    const count = 1 + Math.floor(random() * 20);
    failed += count;
    details.push({
      'result-type': RESULT_TYPES[Math.floor(random() * RESULT_TYPES.length)],
      // Each reporter sends from a pool of a few thousand addresses.
      'sending-mta-ip': `198.${51 + (index % ORGS.length)}.${Math.floor(random() * 12)}.${Math.floor(random() * 250)}`,
      'receiving-ip': `203.0.113.${Math.floor(random() * 256)}`,
      'receiving-mx-hostname': `mx${Math.floor(random() * 4)}.${domain}`,
      'failed-session-count': count,
    });
  }
  const start = new Date(day).toISOString().replace('.000Z', 'Z');
  const end = new Date(day + DAY - 1000).toISOString().replace('.000Z', 'Z');
  const report = {
    'organization-name': org,
    'date-range': { 'start-datetime': start, 'end-datetime': end },
    'contact-info': contact,
    'report-id': `${start}_${domain}_${index}`,
    policies: [
      {
        policy: {
          'policy-type': 'sts',
          'policy-string': [
            'version: STSv1',
            `mode: ${random() < 0.5 ? 'enforce' : 'testing'}`,
            `mx: *.${domain}`,
            'max_age: 604800',
          ],
          'policy-domain': domain,
          'mx-host': [`*.${domain}`],
        },
        summary: {
          'total-successful-session-count': Math.floor(random() * 100_000),
          'total-failure-session-count': failed,
        },
        ...(details.length ? { 'failure-details': details } : {}),
      },
    ],
  };
  return { json: JSON.stringify(report), domain, day, org: ORGS[index % ORGS.length] };
}

/** The mbox From_ line date: `Tue Jan  2 01:00:00 2024`. */
function asctime(ms) {
  const [wd, dd, mon, yyyy, time] = new Date(ms).toUTCString().split(' ');
  return `${wd.slice(0, 3)} ${mon} ${String(Number(dd)).padStart(2)} ${time} ${yyyy}`;
}

function makeMessage(random, index, gz, meta) {
  const [, submitter] = meta.org;
  const boundary = `_${b64(random, 8).replace(/[+/]/g, 'x')}-${index}_`;
  const begin = Math.floor(meta.day / 1000);
  const filename = `${submitter}!${meta.domain}!${begin}!${begin + 86399}!${String(index).padStart(18, '0')}.json.gz`;
  const date = new Date(meta.day + DAY + 3_600_000).toUTCString().replace('GMT', '+0000');
  const attachment = gz.toString('base64').replace(/.{76}/g, '$&\r\n');
  const headers = [
    // A second hop (the receiving organisation's gateway re-signs with ARC i=2 and DKIM), as
    // reports forwarded to a shared mailbox carry.
    `ARC-Seal: i=2; a=rsa-sha256; s=gateway; d=${meta.domain}; cv=pass;`,
    ` b=${fold(b64(random, 344))}`,
    `ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=${meta.domain}; s=gateway;`,
    ` h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;`,
    ` bh=${b64(random, 44)};`,
    ` b=${fold(b64(random, 344))}`,
    `ARC-Authentication-Results: i=2; gateway.${meta.domain}; arc=pass (i=1); dkim=pass header.d=${submitter}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${meta.domain}; s=gateway;`,
    `        h=from:to:subject:date:message-id:arc-seal;`,
    `        bh=${b64(random, 44)};`,
    `        b=${fold(b64(random, 344))}`,
    `X-MS-Exchange-AntiSpam-MessageData-Original-0: ${fold(b64(random, 2400))}`,
    `Received: from mail-relay${index % 7}.${submitter} (mail-relay.${submitter} [192.0.2.${index % 250}])`,
    `\tby mx.${meta.domain} with ESMTPS id ${b64(random, 16)}`,
    `\tfor <tlsrpt@${meta.domain}>; ${date}`,
    `Received: from internal.${submitter} by relay.${submitter} with SMTP id ${b64(random, 24)}; ${date}`,
    `ARC-Seal: i=1; a=rsa-sha256; s=arcselector; d=${submitter}; cv=none;`,
    ` b=${fold(b64(random, 344))}`,
    `ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=${submitter}; s=arcselector;`,
    ` h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;`,
    ` bh=${b64(random, 44)};`,
    ` b=${fold(b64(random, 344))}`,
    `ARC-Authentication-Results: i=1; mx.${submitter}; spf=pass; dkim=pass; dmarc=pass`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${submitter}; s=selector1;`,
    `        h=to:from:subject:message-id:tls-report-submitter:tls-report-domain:date:mime-version;`,
    `        bh=${b64(random, 44)};`,
    `        b=${fold(b64(random, 344))}`,
    `X-MS-Exchange-AntiSpam-MessageData-0: ${fold(b64(random, 600))}`,
    `X-MS-Exchange-AntiSpam-MessageData-1: ${fold(b64(random, 1800))}`,
    `X-Microsoft-Antispam-Message-Info: ${fold(b64(random, 2400))}`,
    `X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:${submitter};PTR:;CAT:NONE;SFS:(13230028)(4636009)(376002)(39860400002);DIR:OUT;SFP:1101;`,
    `X-MS-Exchange-CrossTenant-Network-Message-Id: ${b64(random, 36)}`,
    `Received: from relay-${index % 13}.mx.${meta.domain} (relay.mx.${meta.domain} [203.0.113.${index % 250}])`,
    `	by store.${meta.domain} with LMTP id ${b64(random, 16)}; ${date}`,
    `Authentication-Results: mx.${meta.domain}; dkim=pass header.d=${submitter}; spf=pass`,
    `MIME-Version: 1.0`,
    `Date: ${date}`,
    `TLS-Report-Domain: ${meta.domain}`,
    `TLS-Report-Submitter: ${submitter}`,
    `Message-ID: <${index}.${b64(random, 12).replace(/[+/]/g, 'x')}@${submitter}>`,
    `Subject: Report Domain: ${meta.domain} Submitter: ${submitter} Report-ID: <${index}@${submitter}>`,
    `From: <tlsrpt-noreply@${submitter}>`,
    `To: <tlsrpt@${meta.domain}>`,
    `Content-Type: multipart/report;`,
    `\tboundary="${boundary}"; report-type=tlsrpt`,
  ];
  const text = [
    `<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dus-ascii"></head>`,
    `<body><p>This is an aggregate TLS report from ${submitter} for ${meta.domain}.</p>`,
    ...Array.from(
      { length: 36 },
      () => `<p>Privacy statement and help text about this report, at a realistic length.</p>=`,
    ),
    `</body></html>`,
  ];
  return [
    `From tlsrpt-noreply@${submitter} ${asctime(meta.day + DAY + 3_600_000)}`,
    ...headers,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset="us-ascii"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    ...text,
    '',
    `--${boundary}`,
    'Content-Type: application/tlsrpt+gzip',
    'Content-Description:',
    ` ${filename}`,
    'Content-Disposition: attachment;',
    `\tfilename="${filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    attachment,
    '',
    `--${boundary}--`,
    '',
    '',
  ].join('\r\n');
}

/**
 * Writes `mboxPath` (≈ targetBytes) and `rawPath` (uint32 length + gzip bytes per report).
 * Returns { messages, mboxBytes, rawBytes, jsonBytes }.
 */
export async function generate(mboxPath, rawPath, targetBytes) {
  const random = rng(8460);
  const mbox = createWriteStream(mboxPath);
  const raw = createWriteStream(rawPath);
  let messages = 0;
  let mboxBytes = 0;
  let rawBytes = 0;
  let jsonBytes = 0;
  while (mboxBytes < targetBytes) {
    const meta = makeReport(random, messages);
    const gz = gzipSync(meta.json);
    jsonBytes += meta.json.length;
    const message = Buffer.from(makeMessage(random, messages, gz, meta), 'latin1');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(gz.length);
    if (!mbox.write(message)) await once(mbox, 'drain');
    if (!raw.write(Buffer.concat([len, gz]))) await once(raw, 'drain');
    mboxBytes += message.length;
    rawBytes += gz.length + 4;
    messages++;
  }
  mbox.end();
  raw.end();
  await Promise.all([once(mbox, 'finish'), once(raw, 'finish')]);
  return { messages, mboxBytes, rawBytes, jsonBytes };
}

/**
 * Writes `count` small gzipped reports, one `.json.gz` file each, into `dir` (the shape of a
 * folder of reports saved from a rua mailbox). Returns { files, gzBytes, jsonBytes }.
 */
export async function generateSmallFiles(dir, count) {
  const random = rng(8461);
  let gzBytes = 0;
  let jsonBytes = 0;
  for (let i = 0; i < count; i++) {
    const meta = makeReport(random, i, true);
    const gz = gzipSync(meta.json);
    gzBytes += gz.length;
    jsonBytes += meta.json.length;
    await writeFile(join(dir, `report-${String(i).padStart(6, '0')}.json.gz`), gz);
  }
  return { files: count, gzBytes, jsonBytes };
}
