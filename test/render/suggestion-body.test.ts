/** Review comment bodies: findable marker, escaped reasons, a fence no file line can close. */
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/core/suggest/suggestions.js';
import {
  parseSuggestionMarker,
  renderResolvedBody,
  renderSuggestionBody,
  suggestionMarker,
} from '../../src/render/suggestion-body.js';

const suggestion: Suggestion = {
  key: 'zones/db.example:3-3:sts-record-invalid',
  path: 'zones/db.example',
  startLine: 3,
  line: 3,
  replacement: ['_mta-sts IN TXT "v=STSv1; id=20261101"'],
  rules: ['sts-record-invalid'],
  summaries: ['Publish _mta-sts.example TXT "v=STSv1; id=20261101" (zones/db.example line 3).'],
};

describe('suggestion marker', () => {
  it.each([
    'zones/db.example:3-3:sts-record-invalid',
    // a path with characters that would end an HTML comment or a line
    'we-->ird <!-- name\n.zone:1-2:a+b',
  ])('round-trips %j and stays one HTML comment', (key) => {
    const marker = suggestionMarker(key);
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker).not.toContain('\n');
    expect(parseSuggestionMarker(`${marker}\nbody`)).toBe(key);
  });
  it.each([
    // no marker
    'a human comment',
    // the issue marker is another thing
    '<!-- mta-sts-guard:domain=a.example -->',
    // broken percent-encoding
    '<!-- mta-sts-guard:suggestion:%E0%A4%A -->',
  ])('finds no key in %j', (body) => {
    expect(parseSuggestionMarker(body)).toBeNull();
  });
});

describe('renderSuggestionBody', () => {
  it('starts with the marker and carries the replacement in a suggestion block', () => {
    const body = renderSuggestionBody(suggestion);
    expect(body.startsWith(suggestionMarker(suggestion.key))).toBe(true);
    expect(body).toContain('- `sts-record-invalid` (MTA-STS record is invalid): Publish');
    expect(body).toContain('\n```suggestion\n_mta-sts IN TXT "v=STSv1; id=20261101"\n```\n');
  });

  it('an empty replacement (a deletion) is an empty block', () => {
    expect(renderSuggestionBody({ ...suggestion, replacement: [] })).toContain('\n```suggestion\n```\n');
  });

  it('a block holding backtick fences gets a longer fence', () => {
    const body = renderSuggestionBody({ ...suggestion, replacement: ['; ```', '; ````x', '```'] });
    expect(body).toContain('\n`````suggestion\n; ```\n; ````x\n```\n`````\n');
  });

  it('escapes what the summary brings from DNS data: no mention, link or HTML', () => {
    const body = renderSuggestionBody({
      ...suggestion,
      summaries: ['Publish TXT "v=STSv1; id=1" <img src=x> @octocat [x](https://evil.example)'],
    });
    const reasons = body.split('\n')[2]!;
    // A value with a mention or URL is shown as one code span: GitHub neither links nor renders it.
    expect(reasons).toMatch(
      /\): `Publish TXT "v=STSv1; id=1" <img src=x> @octocat \[x\]\(https:\/\/evil\.example\)`$/,
    );
  });
});

describe('renderResolvedBody', () => {
  it('keeps the marker and drops the suggestion block', () => {
    const body = renderResolvedBody(suggestion.key);
    expect(parseSuggestionMarker(body)).toBe(suggestion.key);
    expect(body).not.toContain('suggestion\n');
    expect(body).toMatch(/resolved/);
  });
});
