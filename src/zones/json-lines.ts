/**
 * JSON (RFC 8259) parsed with the line each object starts on, so a record read from a
 * DNSControl IR dump can point at its line. JSON.parse gives neither positions for values nor
 * (on Node 20) a line for its errors.
 */

export class JsonLineError extends Error {
  override name = 'JsonLineError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  value: unknown;
  /** Line (1-based) of the `{` of every object in the document. */
  lineOf: WeakMap<object, number>;
}

/** Parses `text` as JSON; throws JsonLineError with the line of the first problem. */
export function parseJsonWithLines(text: string): ParsedJson {
  const lineOf = new WeakMap<object, number>();
  let i = 0;
  let line = 1;

  const fail = (message: string): never => {
    throw new JsonLineError(message, line);
  };
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      i++;
    }
  };
  const expect = (c: string) => {
    skip();
    if (text[i] !== c) fail(`expected '${c}' but found ${describe(text[i])}`);
    i++;
  };

  const parseValue = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') return parseObject();
    if (c === '[') return parseArray();
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected ${describe(c)}`);
  };

  const parseObject = (): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    lineOf.set(object, line);
    i++;
    skip();
    if (text[i] === '}') {
      i++;
      return object;
    }
    for (;;) {
      skip();
      if (text[i] !== '"') fail(`expected a property name but found ${describe(text[i])}`);
      const key = parseString();
      expect(':');
      object[key] = parseValue();
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return object;
      }
      fail(`expected ',' or '}' but found ${describe(text[i])}`);
    }
  };

  const parseArray = (): unknown[] => {
    const array: unknown[] = [];
    i++;
    skip();
    if (text[i] === ']') {
      i++;
      return array;
    }
    for (;;) {
      array.push(parseValue());
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return array;
      }
      fail(`expected ',' or ']' but found ${describe(text[i])}`);
    }
  };

  const parseString = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('string is never closed');
      if (c === '"') break;
      if (c === '\\') i++;
      i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('invalid escape in string');
    }
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('invalid number');
    i += match![0].length;
    return Number(match![0]);
  };

  const value = parseValue();
  skip();
  if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the document`);
  return { value, lineOf };
}

function describe(c: string | undefined): string {
  return c === undefined ? 'the end of the file' : `'${c}'`;
}
