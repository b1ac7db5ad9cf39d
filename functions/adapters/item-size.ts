// Item sizes as DynamoDB counts them: UTF-8 bytes of every attribute name and value, numbers by their significant
// digits, a few bytes of overhead per list and map. The embedded emulator counts a Chinese character as one byte
// where AWS counts three, so the adapters measure items themselves and refuse what AWS would refuse.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** A number's size: one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  // Lists and maps: 3 bytes of overhead and 1 byte per element, besides the elements (and a map's keys).
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + valueSize(v) + 1, 0);
  if (value.M !== undefined) {
    return 3 + Object.entries(value.M).reduce((sum, [name, v]) => sum + utf8(name) + valueSize(v) + 1, 0);
  }
  return 0;
}

/** The size of an item in bytes, as DynamoDB counts it against its 400 KB limit and its capacity units. */
export function itemSize(item: Readonly<Record<string, AttributeValue>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}

/** DynamoDB's own limit; AWS refuses anything larger, whatever an emulator accepts. */
export const DYNAMODB_ITEM_LIMIT = 400 * 1024;

/** Write units a write of an item this large costs (1 KB each, rounded up). */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** Read units a strongly consistent read of this many bytes costs (4 KB each, rounded up); half when eventual. */
export const readUnits = (bytes: number, consistent = true): number =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** An item larger than the project allows for its kind (and far below what AWS would refuse). */
export class ItemTooLargeError extends Error {
  override readonly name = 'ItemTooLargeError';
  readonly bytes: number;
  readonly limit: number;
  constructor(what: string, bytes: number, limit: number) {
    super(`${what} would be ${bytes} bytes, more than the ${limit} allowed`);
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Throws unless the item is within `limit` bytes (and, whatever `limit` says, within DynamoDB's own). */
export function assertWithin(
  what: string,
  item: Readonly<Record<string, AttributeValue>>,
  limit: number,
): number {
  const bytes = itemSize(item);
  const bound = Math.min(limit, DYNAMODB_ITEM_LIMIT);
  if (bytes > bound) throw new ItemTooLargeError(what, bytes, bound);
  return bytes;
}
