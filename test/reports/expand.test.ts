/**
 * The folder walk (src/reports/expand.ts): the paths it lists are spelled as path.join spells
 * them, whatever way the folder was given, and a folder's size gives an early estimate of its
 * entries before it is read (the hint that starts parser workers during the walk).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { expandReportPaths } from '../../src/reports/expand.js';
import { withTempDir } from './helpers.js';

it('lists each file as path.join(folder, ...) spells it, however the folder is written', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    for (const name of ['a.json', 'b.json.gz', 'sub/c.json', 'sub/deeper/d.json', 'x!y!1!2.json.gz'])
      await writeFile(join(dir, name), '{}');
    const rel = relative(process.cwd(), dir);
    for (const spelled of [dir, `${dir}/`, `${dir}//`, `${dir}/./sub/..`, rel, `./${rel}/`]) {
      const files = await expandReportPaths([spelled]);
      expect(files.map((f) => f.path)).toEqual(
        ['a.json', 'b.json.gz', 'sub/c.json', 'sub/deeper/d.json', 'x!y!1!2.json.gz'].map((n) =>
          join(spelled, n),
        ),
      );
    }
  });
});

it('estimates a large folder from its size before reading it, then counts what it lists', async () => {
  await withTempDir(async (dir) => {
    for (let i = 0; i < 3_000; i++)
      await writeFile(join(dir, `report-${String(i).padStart(6, '0')}.json.gz`), '');
    const events: string[] = [];
    let estimate = 0;
    const files = await expandReportPaths([dir], {
      folderEstimate: (n) => {
        events.push('estimate');
        estimate = n;
      },
      listed: (n) => events.push(`listed ${n}`),
    });
    expect(files).toHaveLength(3_000);
    expect(events).toEqual(['estimate', 'listed 3000']);
    // From the folder's size: ext4 gives about 1.5 times the entries, tmpfs about 0.6 times.
    expect(estimate).toBeGreaterThan(1_000);
    expect(estimate).toBeLessThan(12_000);
  });
});
