// No input from outside reaches a prototype: form keys through the same middleware and parsing the intake route
// uses, in this process, with Object.prototype checked after every input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unflattenFormFields, WebComplaintSchema } from '#domain/complaint.ts';
import { isPrototypeKey, keySegments, PrototypeKeyError, prototypeKeysIn } from '#domain/untrusted.ts';
import { httpApi } from '#http/api.ts';
import { json } from '#http/responses.ts';
import { contextFor, httpEvent } from '#support/events.ts';

/** Inputs per property; raise it (HOTLINE_PROPERTY_RUNS=20000) for a longer hunt. */
const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const pristine = prototypeNames();

// The intake route's parsing, without its queue: what a form's keys can do to this process.
const parse = httpApi(async (event) => {
  const complaint = WebComplaintSchema.parse(
    unflattenFormFields((event.body ?? {}) as Record<string, unknown>),
  );
  return json(200, complaint);
});

const formPost = (body: string) =>
  parse(
    httpEvent('POST', '/complaints', {
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    contextFor('intake-web'),
  );

describe('keys from outside', () => {
  it('names the keys that lead to a prototype, in any segment', () => {
    for (const key of [
      '__proto__',
      'a.__proto__',
      'constructor.prototype.x',
      'attribute[__proto__]',
      'prototype',
    ]) {
      expect(isPrototypeKey(key), key).toBe(true);
    }
    for (const key of ['contact.phone', 'attribute[code]', 'proto', '__proto', 'constructors']) {
      expect(isPrototypeKey(key), key).toBe(false);
    }
    expect(keySegments('a[b].c')).toEqual(['a', 'b', 'c']);
    expect(prototypeKeysIn(JSON.parse('{"a":{"b":[{"__proto__":1}]}}'))).toEqual(['__proto__']);
  });

  it('refuses a form key naming a prototype before building anything', () => {
    expect(() => unflattenFormFields({ '__proto__.subjectUnit': 'district-cdi' })).toThrow(PrototypeKeyError);
    expect(() => unflattenFormFields({ 'constructor.prototype.x': '1' })).toThrow(PrototypeKeyError);
    expect(prototypeNames()).toEqual(pristine);
  });

  it('builds form objects without prototypes', () => {
    const fields = unflattenFormFields({ description: 'x', 'contact.phone': '1' });
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.getPrototypeOf(fields.contact)).toBeNull();
  });

  it(`never lets a form key reach a prototype, through the whole middleware chain (${RUNS} forms)`, async () => {
    const segment = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'contact', 'phone', 'description', 'toString'),
      fc.string({ maxLength: 8 }),
    );
    const key = fc
      .array(segment, { minLength: 1, maxLength: 3 })
      .chain((parts) => fc.constantFrom(parts.join('.'), parts.join('['), `${parts.join('][')}]`));
    const form = fc.array(fc.tuple(key, fc.string({ maxLength: 12 })), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(form, async (pairs) => {
        const body = [['description', '郭扶镇国土所的人说不给好处费就不办。'], ...pairs]
          .map(([k, v]) => `${encodeURIComponent(k ?? '')}=${encodeURIComponent(v ?? '')}`)
          .join('&');
        const response = await formPost(body);
        expect(response.statusCode).toBeLessThan(500);
        expect(prototypeNames()).toEqual(pristine);
        expect(({} as Record<string, unknown>).subjectUnit).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
