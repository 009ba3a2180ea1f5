/**
 * Validates GitHub REST requests and responses against the committed subset of GitHub's
 * published OpenAPI description (test/fixtures/github/openapi-subset.json, extracted from
 * @octokit/openapi by scripts/extract-openapi.mjs). OpenAPI 3.0 `nullable` is converted to JSON
 * Schema first, as Ajv does not know it.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonObject;
}

export interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: Parameter[];
  requestBody: { required?: boolean; schema: JsonObject | null } | null;
  responses: Map<number, { schema: JsonObject | null; headers: string[] }>;
}

/** The committed subset; a bundled caller passes its own path. */
const SPEC_PATH = new URL('../fixtures/github/openapi-subset.json', import.meta.url);

/** OpenAPI 3.0 `nullable: true` → JSON Schema (type arrays, or anyOf with null). */
export function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (node === null || typeof node !== 'object') return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'nullable')
      copy[key] = key === 'properties' ? mapValues(value as JsonObject) : convertNullable(value);
  }
  if (node['nullable'] !== true) return copy;
  if (typeof copy['type'] === 'string') {
    copy['type'] = [copy['type'], 'null'];
    if (Array.isArray(copy['enum']) && !copy['enum'].includes(null)) copy['enum'] = [...copy['enum'], null];
    return copy;
  }
  return { anyOf: [copy, { type: 'null' }] };
}

function mapValues(properties: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, convertNullable(v)]));
}

/** `#/components/...` references inside operations point into the registered document. */
function absoluteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : absoluteRefs(v),
    ]),
  );
}

export class OpenApiValidator {
  readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly components: JsonObject;
  private readonly compiled = new Map<JsonObject, ValidateFunction>();

  constructor(specPath: URL | string = SPEC_PATH) {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as JsonObject;
    this.components = convertNullable(spec['components']!) as JsonObject;
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(this.ajv);
    this.ajv.addSchema({ components: this.components } as object, 'openapi');
    for (const [template, methods] of Object.entries(spec['paths'] as JsonObject)) {
      for (const [method, raw] of Object.entries(methods as JsonObject)) {
        this.operations.push(this.operation(method.toUpperCase(), template, raw as JsonObject));
      }
    }
  }

  /** Follows a `#/components/<kind>/<name>` reference within the subset. */
  private deref<T>(node: Json): T {
    let current = node as JsonObject;
    while (current && typeof current['$ref'] === 'string') {
      const [, , kind, name] = (current['$ref'] as string).split('/');
      current = (this.components[kind!] as JsonObject)[name!] as JsonObject;
    }
    return current as T;
  }

  private operation(method: string, template: string, raw: JsonObject): Operation {
    const pathNames: string[] = [];
    const pattern = new RegExp(
      '^' +
        template.replace(/\{([^}]+)\}/g, (_, name: string) => {
          pathNames.push(name);
          return '([^/]+)';
        }) +
        '$',
    );
    const parameters = ((raw['parameters'] as Json[]) ?? []).map((p) => {
      const param = this.deref<Parameter>(p);
      return { ...param, schema: absoluteRefs(convertNullable(param.schema as Json)) as JsonObject };
    });
    const body = raw['requestBody'] ? this.deref<JsonObject>(raw['requestBody']) : null;
    const bodySchema = (body?.['content'] as JsonObject | undefined)?.['application/json'] as
      JsonObject | undefined;
    const responses = new Map<number, { schema: JsonObject | null; headers: string[] }>();
    for (const [status, r] of Object.entries(raw['responses'] as JsonObject)) {
      const response = this.deref<JsonObject>(r);
      const json = (response['content'] as JsonObject | undefined)?.['application/json'] as
        JsonObject | undefined;
      responses.set(Number(status), {
        schema: json?.['schema'] ? (absoluteRefs(convertNullable(json['schema'])) as JsonObject) : null,
        headers: Object.keys((response['headers'] as JsonObject | undefined) ?? {}).map((h) =>
          h.toLowerCase(),
        ),
      });
    }
    return {
      method,
      template,
      pattern,
      pathNames,
      parameters,
      requestBody: body
        ? {
            required: body['required'] === true,
            schema: bodySchema?.['schema']
              ? (absoluteRefs(convertNullable(bodySchema['schema'])) as JsonObject)
              : null,
          }
        : null,
      responses,
    };
  }

  private validate(schema: JsonObject, value: unknown): string | null {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(schema);
      this.compiled.set(schema, fn);
    }
    if (fn(value)) return null;
    return this.ajv.errorsText(fn.errors, { separator: '; ' });
  }

  match(method: string, path: string): { operation: Operation; params: Record<string, string> } | null {
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const m = operation.pattern.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(
        operation.pathNames.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]),
      );
      return { operation, params };
    }
    return null;
  }

  /** Problems with a request: parameters (path and query, typed as the spec says) and body. */
  checkRequest(
    operation: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): string[] {
    const problems: string[] = [];
    const known = new Set<string>();
    for (const param of operation.parameters) {
      if (param.in === 'header') continue;
      known.add(`${param.in}:${param.name}`);
      const raw = param.in === 'path' ? pathParams[param.name] : (query.get(param.name) ?? undefined);
      if (raw === undefined) {
        if (param.required) problems.push(`missing ${param.in} parameter ${param.name}`);
        continue;
      }
      const problem = this.validate(param.schema, coerce(raw, param.schema));
      if (problem) problems.push(`${param.in} parameter ${param.name}='${raw}': ${problem}`);
    }
    for (const name of query.keys()) {
      if (!known.has(`query:${name}`)) problems.push(`unknown query parameter ${name}`);
    }
    if (operation.requestBody) {
      if (body === undefined) {
        if (operation.requestBody.required) problems.push('missing request body');
      } else if (operation.requestBody.schema) {
        const problem = this.validate(operation.requestBody.schema, body);
        if (problem) problems.push(`request body: ${problem}`);
      }
    } else if (body !== undefined) {
      problems.push('unexpected request body');
    }
    return problems;
  }

  /** Problems with a response: documented status, JSON body schema, documented headers. */
  checkResponse(
    operation: Operation,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): string[] {
    const spec = operation.responses.get(status);
    if (!spec) return [`status ${status} is not documented for ${operation.method} ${operation.template}`];
    const problems: string[] = [];
    if (spec.schema) {
      const problem = this.validate(spec.schema, body);
      if (problem) problems.push(`response ${status} body: ${problem}`);
    }
    if (status >= 300 && status < 400 && spec.headers.includes('location') && !headers['location']) {
      problems.push(`response ${status} without a Location header`);
    }
    return problems;
  }
}

function coerce(raw: string, schema: JsonObject): unknown {
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
