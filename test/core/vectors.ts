/** Reads the TSV vector files of test/fixtures/vectors (sources and licences: test/fixtures/NOTICE.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/vectors/', import.meta.url));

export type VectorRow = Record<string, string>;

/** Rows keyed by the header; `*_json` columns are decoded JSON, returned as their JSON text. */
export function readVectors(name: string): VectorRow[] {
  const [header, ...lines] = readFileSync(DIR + name, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const keys = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

export function readFixture(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}
