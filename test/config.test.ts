import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  normalizeDomain,
  parseDomainList,
  parseInteger,
  parsePolicyFileSpec,
  parseResolver,
  parseShard,
} from '../src/config.js';

describe('config validators', () => {
  it.each([
    ['127.0.0.1', { host: '127.0.0.1', port: 53 }],
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353 }],
    ['::1', { host: '::1', port: 53 }],
    ['[::1]:5353', { host: '::1', port: 5353 }],
  ])('reads resolver %s', (raw, expected) => {
    expect(parseResolver('--resolver', raw)).toEqual(expected);
  });

  it.each([
    'dns.example', // a name would need a lookup through some other resolver
    '127.0.0.1:0', // port out of range
    '127.0.0.1:99999', // port out of range
    '300.1.1.1', // octet over 255
    '',
  ])('refuses resolver %j naming the flag', (raw) => {
    expect(() => parseResolver('--resolver', raw)).toThrow(/^--resolver: /);
  });

  it('reads shards and refuses impossible ones', () => {
    expect(parseShard('--shard', '2/4')).toEqual({ index: 2, total: 4 });
    expect(() => parseShard('--shard', '0/4')).toThrow(ConfigurationError); // 1-based
    expect(() => parseShard('--shard', '5/4')).toThrow(/--shard/); // beyond N
    expect(() => parseShard('--shard', '1-4')).toThrow(/I\/N/);
  });

  it('normalizes domains and refuses non-domains', () => {
    expect(normalizeDomain('DOMAIN', 'Example.COM.')).toBe('example.com');
    expect(() => normalizeDomain('DOMAIN', 'localhost')).toThrow(/not a domain/); // one label
    expect(() => normalizeDomain('DOMAIN', 'a..example')).toThrow(/not a domain/);
    expect(() => normalizeDomain('DOMAIN', '-a.example')).toThrow(/not a domain/);
    expect(() => normalizeDomain('DOMAIN', 'https://example.com')).toThrow(/not a domain/);
  });

  it('reads a domains file with comments, and names the bad line', () => {
    expect(parseDomainList('--domains-file', '# ours\nexample.com\n\n  example.net # secondary\n')).toEqual([
      'example.com',
      'example.net',
    ]);
    expect(() => parseDomainList('--domains-file', 'example.com\nnot_a domain\n')).toThrow(/line 2/);
  });

  it('reads DOMAIN=PATH', () => {
    expect(parsePolicyFileSpec('--policy-file', 'Example.com=mta-sts/a=b.txt')).toEqual({
      domain: 'example.com',
      path: 'mta-sts/a=b.txt',
    });
    expect(() => parsePolicyFileSpec('--policy-file', 'example.com')).toThrow(/DOMAIN=PATH/);
    expect(() => parsePolicyFileSpec('--policy-file', '=x.txt')).toThrow(/DOMAIN=PATH/);
  });

  it('bounds integers', () => {
    expect(parseInteger('--concurrency', ' 8 ', 1, 256)).toBe(8);
    expect(() => parseInteger('--concurrency', '0', 1, 256)).toThrow(/--concurrency/);
    expect(() => parseInteger('--concurrency', '1.5', 1, 256)).toThrow(/--concurrency/);
    expect(() => parseInteger('--concurrency', '-1', 1, 256)).toThrow(/--concurrency/);
  });
});
