/** reports-artifact: which artifact is taken, and failures as warnings. */
import { describe, expect, it } from 'vitest';
import {
  fetchReportsArtifact,
  MAX_ARTIFACT_BYTES,
  pickNewestArtifact,
  type ArtifactInfo,
  type ArtifactSource,
} from '../../src/github/artifacts.js';
import { GitHubApiError } from '../../src/github/issue-tracker.js';
import { silentLogger } from '../../src/ports.js';

const a = (
  id: number,
  name: string,
  createdAt: string | null,
  expired = false,
  sizeInBytes = 10,
): ArtifactInfo => ({ id, name, createdAt, expired, sizeInBytes });

describe('pickNewestArtifact', () => {
  it.each([
    ['newest unexpired wins', [a(1, 'r', '2026-11-01'), a(2, 'r', '2026-11-03'), a(3, 'r', '2026-11-02')], 2],
    // an expired artifact cannot be downloaded
    ['expired ones are skipped', [a(1, 'r', '2026-11-01'), a(2, 'r', '2026-11-03', true)], 1],
    // the API's name filter is exact, but do not rely on it
    ['other names are skipped', [a(1, 'r', '2026-11-01'), a(2, 'rx', '2026-11-03')], 1],
    ['ties go to the higher id', [a(1, 'r', '2026-11-01'), a(2, 'r', '2026-11-01')], 2],
    ['nothing left', [a(1, 'r', '2026-11-01', true)], null],
  ])('%s', (_, list, expected) => {
    expect(pickNewestArtifact(list, 'r')?.id ?? null).toBe(expected);
  });
});

function source(list: ArtifactInfo[], download: ArtifactSource['download']): ArtifactSource {
  return { list: async () => list, download };
}

describe('fetchReportsArtifact', () => {
  it('hands the bytes on as a named archive', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const got = await fetchReportsArtifact(
      source([a(7, 'r', '2026-11-01')], async () => bytes),
      'r',
      silentLogger,
    );
    expect(got).toEqual({ archives: [{ name: 'r.zip', bytes }], warning: null });
  });

  it.each([
    ['none found', [] as ArtifactInfo[], /no unexpired artifact named 'r'/],
    ['too large', [a(7, 'r', '2026-11-01', false, MAX_ARTIFACT_BYTES + 1)], /over the \d+-byte limit/],
  ])('%s → a warning, no archive', async (_, list, warning) => {
    const got = await fetchReportsArtifact(
      source(list, async () => new Uint8Array()),
      'r',
      silentLogger,
    );
    expect(got.archives).toEqual([]);
    expect(got.warning).toMatch(warning);
  });

  it('a 403 names the actions: read permission', async () => {
    const got = await fetchReportsArtifact(
      source([a(7, 'r', '2026-11-01')], async () => {
        throw new GitHubApiError('403', 'forbidden', 403);
      }),
      'r',
      silentLogger,
    );
    expect(got.warning).toMatch(/actions: read/);
  });
});
