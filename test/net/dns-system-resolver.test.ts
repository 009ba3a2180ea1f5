import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstNameserver, systemNameserver } from '../../src/net/system-resolver.js';

describe('firstNameserver', () => {
  it.each([
    ['nameserver 10.0.0.2\nnameserver 10.0.0.3\n', { host: '10.0.0.2', port: 53 }],
    ['# comment\nsearch example.com\n  nameserver\t192.0.2.1  # trailing\n', { host: '192.0.2.1', port: 53 }],
    ['nameserver 2001:db8::53\n', { host: '2001:db8::53', port: 53 }],
    ['nameserver fe80::1%eth0\n', { host: 'fe80::1%eth0', port: 53 }],
    // A host name is not allowed by resolv.conf(5): skipped, the next line counts.
    ['nameserver dns.example\nnameserver 192.0.2.7\n', { host: '192.0.2.7', port: 53 }],
    // Commented out: not a nameserver.
    ['#nameserver 192.0.2.1\n', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(firstNameserver(text)).toEqual(expected);
  });
});

describe('systemNameserver', () => {
  it('reads the file, and falls back to the local machine as resolv.conf(5) says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'resolv-'));
    try {
      await writeFile(join(dir, 'resolv.conf'), 'options edns0\nnameserver 192.0.2.53\n');
      expect(await systemNameserver(join(dir, 'resolv.conf'))).toEqual({ host: '192.0.2.53', port: 53 });
      await writeFile(join(dir, 'empty.conf'), 'search example.com\n');
      expect(await systemNameserver(join(dir, 'empty.conf'))).toEqual({ host: '127.0.0.1', port: 53 });
      expect(await systemNameserver(join(dir, 'missing.conf'))).toEqual({ host: '127.0.0.1', port: 53 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
