import { describe, expect, it } from 'vitest';
import { toALabels, toULabels } from '../../src/core/idn.js';

describe('toALabels (UTS #46 through url.domainToASCII, one label at a time)', () => {
  const good: [string, string][] = [
    ['bücher.example', 'xn--bcher-kva.example'],
    // Upper case maps to lower case first; the trailing dot stays for the caller to strip.
    ['BÜCHER.Example.', 'xn--bcher-kva.example.'],
    // ASCII, A-labels included, is only lower-cased.
    ['XN--BCHER-KVA.example', 'xn--bcher-kva.example'],
    ['mail.bücher.example', 'mail.xn--bcher-kva.example'],
    ['_mta-sts.bücher.example', '_mta-sts.xn--bcher-kva.example'],
    ['*.bücher.example', '*.xn--bcher-kva.example'],
    // Non-transitional: ß is kept (IDNA2008), not mapped to "ss".
    ['faß.de', 'xn--fa-hia.de'],
    // The ideographic full stop separates labels (UTS #46 §4 step 1).
    ['bücher\u3002example', 'xn--bcher-kva.example'],
    // Full-width letters map to ASCII.
    ['ｂücher.example', 'xn--bcher-kva.example'],
  ];
  it.each(good)('%s → %s', (input, expected) => {
    expect(toALabels(input)).toEqual({ name: expected });
  });

  const bad: [string, RegExp][] = [
    // The URL parser would percent-decode this into "büa"; a name never holds "%".
    ['bü%41.example', /contains "%"/],
    ['bü cher.example', /contains " "/],
    ['bü/x.example', /contains "\/"/],
    // A joiner outside its context fails CheckJoiners.
    ['a\u200db.example', /not a valid internationalized label/],
    // U+2488 maps to "1." : no longer one label.
    ['a\u2488b.example', /not a valid internationalized label/],
    // Full-width "0x7f" maps to ASCII the host parser reads as an IPv4 address.
    ['\uff10\uff58\uff17\uff46.example', /not a valid internationalized label/],
  ];
  it.each(bad)('refuses %s', (input, why) => {
    const result = toALabels(input);
    expect('problem' in result && result.problem).toMatch(why);
  });
});

describe('toULabels (display only)', () => {
  it('decodes A-labels, keeps other labels, and gives null when nothing differs or it does not decode', () => {
    expect(toULabels('xn--bcher-kva.example')).toBe('bücher.example');
    expect(toULabels('_mta-sts.xn--bcher-kva.example')).toBe('_mta-sts.bücher.example');
    expect(toULabels('mail.xn--mnchen-3ya.de')).toBe('mail.münchen.de');
    expect(toULabels('example.com')).toBeNull();
    // A fake A-label (no valid Punycode) is shown as written.
    expect(toULabels('xn--zz.example')).toBeNull();
  });
});
