// Dev-time: extracts the few GitHub REST operations the action uses from GitHub's published
// OpenAPI description (the @octokit/openapi package, 385 MB installed, so never a dependency of
// this repository) into test/fixtures/github/openapi-subset.json, with every component they
// reference. The local GitHub stand-in (test/action/github-stand-in.ts) validates requests and
// its own responses against that subset.
//
// Usage (install the package OUTSIDE the repository):
//   mkdir -p /tmp/oa && cd /tmp/oa && npm init -y && npm install @octokit/openapi
//   node scripts/extract-openapi.mjs /tmp/oa/node_modules/@octokit/openapi
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The operations used by src/github/ (method, path template). Keep in step with the adapters. */
const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}/issues'],
  ['post', '/repos/{owner}/{repo}/issues'],
  ['patch', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/labels/{name}'],
  ['post', '/repos/{owner}/{repo}/labels'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
  // PR review suggestions (issue 15 item 5)
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
];

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node scripts/extract-openapi.mjs PATH/TO/node_modules/@octokit/openapi');
  process.exit(2);
}
const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
const spec = JSON.parse(await readFile(join(packageDir, 'generated', 'api.github.com.json'), 'utf8'));

const paths = {};
for (const [method, path] of OPERATIONS) {
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
  // Examples are large and unused by validation.
  const { requestBody, responses, parameters, operationId, summary } = operation;
  paths[path] ??= {};
  paths[path][method] = stripExamples({ operationId, summary, parameters, requestBody, responses });
}

// Copy every component reachable from the operations, transitively.
const components = {};
const pending = [];
collectRefs(paths, pending);
const seen = new Set();
while (pending.length > 0) {
  const ref = pending.pop();
  if (seen.has(ref)) continue;
  seen.add(ref);
  const [, , kind, name] = ref.split('/');
  const value = spec.components[kind]?.[name];
  if (value === undefined) throw new Error(`dangling reference ${ref}`);
  components[kind] ??= {};
  components[kind][name] = stripExamples(value);
  collectRefs(value, pending);
}

const subset = {
  openapi: spec.openapi,
  info: {
    title: spec.info.title,
    version: spec.info.version,
    description: `Subset of ${pkg.name}@${pkg.version} (MIT), extracted by scripts/extract-openapi.mjs.`,
  },
  paths,
  components: sortKeys(components),
};
const out = new URL('../test/fixtures/github/openapi-subset.json', import.meta.url);
await writeFile(out, JSON.stringify(subset, null, 1) + '\n');
console.log(`wrote ${out.pathname}: ${OPERATIONS.length} operations, ${seen.size} components`);

function collectRefs(node, into) {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) into.push(value);
      else collectRefs(value, into);
    }
  }
}

/** Drops `example`/`examples` keywords (not properties that happen to carry those names). */
function stripExamples(node, isPropertyMap = false) {
  if (Array.isArray(node)) return node.map((n) => stripExamples(n));
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isPropertyMap && (key === 'examples' || key === 'example')) continue;
    copy[key] = stripExamples(value, !isPropertyMap && key === 'properties');
  }
  return copy;
}

function sortKeys(groups) {
  return Object.fromEntries(
    Object.keys(groups)
      .sort()
      .map((kind) => [
        kind,
        Object.fromEntries(
          Object.keys(groups[kind])
            .sort()
            .map((k) => [k, groups[kind][k]]),
        ),
      ]),
  );
}
