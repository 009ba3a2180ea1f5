/** The stand-in's judge can fail: it rejects requests and responses that GitHub's description does not allow. */
import { describe, expect, it } from 'vitest';
import { convertNullable, OpenApiValidator } from './openapi-validator.js';

const validator = new OpenApiValidator();
const op = (method: string, path: string) => validator.match(method, path)!;

describe('OpenApiValidator', () => {
  it('knows the operations the action uses', () => {
    expect(validator.operations.map((o) => `${o.method} ${o.template}`)).toHaveLength(12);
    expect(op('PATCH', '/repos/o/r/issues/12').params).toEqual({ owner: 'o', repo: 'r', issue_number: '12' });
    expect(op('PATCH', '/repos/o/r/pulls/comments/5').params).toEqual({
      owner: 'o',
      repo: 'r',
      comment_id: '5',
    });
    expect(op('POST', '/repos/o/r/pulls/7/comments').operation.template).toBe(
      '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
    );
  });

  it.each([
    // good
    ['POST', '/repos/o/r/issues', '', { title: 't', body: 'b', labels: ['x'] }, []],
    // title is required
    ['POST', '/repos/o/r/issues', '', { body: 'b' }, [/request body: .*title/]],
    // labels must be a list
    ['POST', '/repos/o/r/issues', '', { title: 't', labels: 'x' }, [/request body: .*labels/]],
    // a multi-line review suggestion as the action sends it
    [
      'POST',
      '/repos/o/r/pulls/7/comments',
      '',
      {
        body: 'b',
        commit_id: 'f'.repeat(40),
        path: 'db.zone',
        start_line: 4,
        start_side: 'RIGHT',
        line: 5,
        side: 'RIGHT',
      },
      [],
    ],
    // side is LEFT or RIGHT only
    [
      'POST',
      '/repos/o/r/pulls/7/comments',
      '',
      { body: 'b', commit_id: 'c', path: 'p', line: 5, side: 'NEW' },
      [/request body: .*side/],
    ],
    // body, commit_id and path are required
    ['POST', '/repos/o/r/pulls/7/comments', '', { line: 5 }, [/request body: .*required/]],
    // the review comment edit carries a body only
    ['PATCH', '/repos/o/r/pulls/comments/5', '', {}, [/request body: .*body/]],
    // not an issue state
    ['PATCH', '/repos/o/r/issues/1', '', { state: 'deleted' }, [/request body: .*state/]],
    // issue_number must be an integer
    ['PATCH', '/repos/o/r/issues/abc', '', { body: 'b' }, [/path parameter issue_number/]],
    // not a listing state
    ['GET', '/repos/o/r/issues', 'state=everything', undefined, [/query parameter state/]],
    // per_page is a number
    ['GET', '/repos/o/r/issues', 'per_page=many', undefined, [/query parameter per_page/]],
    // a typo in a parameter name
    ['GET', '/repos/o/r/issues', 'label=x', undefined, [/unknown query parameter label/]],
    // GET takes no body
    ['GET', '/repos/o/r/labels/x', '', { x: 1 }, [/unexpected request body/]],
  ])('%s %s?%s %j', (method, path, query, body, expected) => {
    const { operation, params } = op(method, path);
    const problems = validator.checkRequest(operation, params, new URLSearchParams(query), body);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(problems[i]).toMatch(re));
  });

  it('rejects an undocumented status and a response missing required fields', () => {
    const { operation } = op('POST', '/repos/o/r/issues');
    expect(validator.checkResponse(operation, 429, {}, {})).toEqual([
      'status 429 is not documented for POST /repos/{owner}/{repo}/issues',
    ]);
    expect(validator.checkResponse(operation, 201, {}, { number: 1 })[0]).toMatch(
      /must have required property/,
    );
  });

  it('wants the Location of a redirect', () => {
    const { operation } = op('GET', '/repos/o/r/actions/artifacts/1/zip');
    expect(validator.checkResponse(operation, 302, {}, undefined)).toEqual([
      'response 302 without a Location header',
    ]);
    expect(validator.checkResponse(operation, 302, { location: 'https://x' }, undefined)).toEqual([]);
  });
});

describe('convertNullable', () => {
  it.each([
    [{ type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      { allOf: [{ $ref: '#/x' }], nullable: true },
      { anyOf: [{ allOf: [{ $ref: '#/x' }] }, { type: 'null' }] },
    ],
    // a property that happens to be called "nullable" is kept
    [
      { type: 'object', properties: { nullable: { type: 'boolean' } } },
      { type: 'object', properties: { nullable: { type: 'boolean' } } },
    ],
  ])('%j', (input, expected) => {
    expect(convertNullable(input)).toEqual(expected);
  });
});
