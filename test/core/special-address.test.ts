import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionAddresses, unusableAddressReason } from '../../src/core/special-address.js';

describe('unusableAddressReason', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['0.255.1.2', 'this network'],
    ['169.254.169.254', 'link-local'], // the cloud metadata service
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.254', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['FEBF::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:255.255.255.255', 'broadcast'], // IPv4-mapped: judged as the IPv4 address
    ['::ffff:e000:1', 'multicast'],
  ])('%s is unusable (%s)', (address, word) => {
    expect(unusableAddressReason(address)).toContain(word);
  });

  it.each([
    '127.0.0.1', // loopback: the tests' own hosts, and not a range DESIGN.md lists
    '10.1.2.3',
    '192.0.2.1',
    '1.2.3.4',
    '223.255.255.255', // the last unicast /8 before multicast
    '169.253.255.255',
    '::1',
    '2001:db8::1',
    'fec0::1', // just past fe80::/10
    '::ffff:192.0.2.1',
    'not-an-address', // never classified (adapters only pass resolver output)
    '1.2.3.256',
  ])('%s is usable', (address) => {
    expect(unusableAddressReason(address)).toBeNull();
  });

  it('agrees with a bitwise reading of every IPv4 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const [a, b] = address.split('.').map(Number) as [number, number];
        const expected = a === 0 || (a === 169 && b === 254) || a >= 224;
        expect(unusableAddressReason(address) !== null).toBe(expected);
      }),
    );
  });

  it('classifies every IPv6 address Node accepts without throwing', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        expect(isIP(address)).toBe(6);
        const reason = unusableAddressReason(address);
        expect(reason === null || typeof reason === 'string').toBe(true);
      }),
    );
  });

  it('partitions keeping order', () => {
    expect(partitionAddresses(['1.2.3.4', '224.0.0.1', '::1'])).toEqual({
      usable: ['1.2.3.4', '::1'],
      unusable: [{ address: '224.0.0.1', reason: expect.stringContaining('multicast') }],
    });
  });
});
