import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  gunzipSmall,
  gunzipSmallInto,
  gzipTrailerSize,
  SMALL_OUTPUT_BYTES,
} from '../../src/reports/small-gunzip.js';

/** gunzipSync's answer: the bytes, or the error message. */
function reference(bytes: Uint8Array): Buffer | string {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    return (error as Error).message;
  }
}

/** The fast path either gives exactly gunzipSync's bytes or leaves the file to gunzipSync. */
function expectSameOrNull(bytes: Uint8Array): Buffer | null {
  const fast = gunzipSmall(bytes);
  if (fast !== null) expect(fast.equals(reference(bytes) as Buffer)).toBe(true);
  return fast;
}

const report = Buffer.from('{"organization-name":"Example","policies":[]}');
const member = gzipSync(report);

describe('gunzipSmall', () => {
  it('inflates a small gzip file on the reused handle, file after file', () => {
    for (let i = 0; i < 3; i++) expect(gunzipSmall(member)?.toString()).toBe(report.toString());
    expect(gunzipSmall(gzipSync(Buffer.alloc(0)))?.length).toBe(0);
  });

  it('leaves to gunzipSync what it cannot answer exactly, and recovers after an error', () => {
    const badCrc = Buffer.from(member);
    badCrc[badCrc.length - 6]! ^= 1;
    const badLength = Buffer.from(member);
    badLength[badLength.length - 4]! ^= 1;
    const cases: [string, Uint8Array][] = [
      ['truncated', member.subarray(0, member.length - 3)],
      ['CRC-32 wrong', badCrc],
      ['length wrong', badLength],
      ['two members', Buffer.concat([member, member])],
      ['zero padding', Buffer.concat([member, Buffer.alloc(4)])],
      ['trailing garbage', Buffer.concat([member, Buffer.from('garbage')])],
      ['not gzip', Buffer.from('{"not":"gzip at all, but long enough"}')],
      ['too short for a trailer', member.subarray(0, 10)],
    ];
    for (const [name, bytes] of cases) {
      expect(gunzipSmall(bytes), name).toBeNull();
      // The next good file still takes the fast path.
      expect(gunzipSmall(member)?.toString(), `after ${name}`).toBe(report.toString());
    }
  });

  it('takes gunzipSync for output past SMALL_OUTPUT_BYTES, whatever the trailer claims', () => {
    const big = Buffer.alloc(SMALL_OUTPUT_BYTES + 10, 'a');
    expect(gunzipSmall(gzipSync(big))).toBeNull();
    // A trailer that claims less than the member holds: the output does not end where it says.
    const lying = gzipSync(Buffer.alloc(5000, 'b'));
    lying.writeUInt32LE(100, lying.length - 4);
    expect(gunzipSmall(lying)).toBeNull();
  });

  it('never answers differently from gunzipSync (random damage to gzip files)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat({ max: 40 }),
        fc.uint8Array({ maxLength: 30 }),
        (data, flips, cut, tail) => {
          const gz = Buffer.from(gzipSync(data));
          for (const [at, value] of flips) gz[at % gz.length] = value;
          const damaged = Buffer.concat([gz.subarray(0, Math.max(0, gz.length - cut)), tail]);
          expectSameOrNull(damaged);
          // And the file undamaged right after: exact, on the fast path.
          const clean = gzipSync(data);
          expect(expectSameOrNull(clean)?.equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('gunzipSmallInto', () => {
  it('answers as gunzipSmall does, writing only its own bytes at the offset (random damage)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat({ max: 40 }),
        fc.nat({ max: 64 }),
        (data, flips, cut, offset) => {
          const gz = Buffer.from(gzipSync(data));
          for (const [at, value] of flips) gz[at % gz.length] = value;
          const damaged = gz.subarray(0, Math.max(0, gz.length - cut));
          const isize = gzipTrailerSize(damaged);
          const room = isize === null || isize >= SMALL_OUTPUT_BYTES ? 0 : isize + 1;
          const out = new Uint8Array(offset + room + 8).fill(0xaa);
          const length = gunzipSmallInto(damaged, out, offset);
          const alone = gunzipSmall(damaged);
          if (alone === null) expect(length).toBeNull();
          else {
            expect(length).toBe(alone.length);
            expect(Buffer.from(out.subarray(offset, offset + length!)).equals(alone)).toBe(true);
          }
          // Nothing before the offset or past the room given is touched.
          expect(out.subarray(0, offset).every((b) => b === 0xaa)).toBe(true);
          expect(out.subarray(offset + room).every((b) => b === 0xaa)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
