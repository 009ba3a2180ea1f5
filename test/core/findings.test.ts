import { describe, expect, it } from 'vitest';
import { finding, RULES, RULE_IDS } from '../../src/core/findings.js';

describe('rule catalogue', () => {
  it('keys each rule by its own id', () => {
    for (const id of RULE_IDS) expect(RULES[id].id).toBe(id);
  });
  it('takes severity from the mode', () => {
    expect(finding('mx-not-in-policy', 'enforce', { domain: 'a.example', message: 'm' }).severity).toBe(
      'error',
    );
    expect(finding('mx-not-in-policy', 'testing', { domain: 'a.example', message: 'm' }).severity).toBe(
      'warning',
    );
    expect(finding('mx-not-in-policy', null, { domain: 'a.example', message: 'm' }).severity).toBe('notice');
  });
});
