// Objects built from outside input (form keys, headers, query strings, webhook fields) must never reach a
// prototype: such keys are refused by name, and the objects built from them have no prototype at all.

/** Property names that lead to `Object.prototype` (or a constructor's) when used as keys of a plain object. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The segments of a structured key: `contact.phone`, `attribute[code]`, `a[b].c`. */
export function keySegments(key: string): string[] {
  return key.split(/[.[\]]+/).filter((segment) => segment !== '');
}

export function isPrototypeKey(key: string): boolean {
  return keySegments(key).some((segment) => PROTOTYPE_KEYS.has(segment)) || PROTOTYPE_KEYS.has(key);
}

/** A key from outside that names a prototype; the request that carries it is refused as a whole. */
export class PrototypeKeyError extends Error {
  override readonly name = 'PrototypeKeyError';
  /** The key as received, shortened: it is the client's own input, echoed so they can find it. */
  readonly key: string;
  constructor(key: string) {
    super('a field name that is not accepted');
    this.key = key.slice(0, 64);
  }
}

/** An object without a prototype: no key written into it can reach `Object.prototype`. */
export function dictionary<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Every key of a parsed value, at any depth, that names a prototype; empty for safe input. */
export function prototypeKeysIn(value: unknown, depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    if (isPrototypeKey(key)) found.push(key);
    found.push(...prototypeKeysIn((value as Record<string, unknown>)[key], depth + 1));
  }
  return found;
}
