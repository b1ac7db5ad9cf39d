// Meters DynamoDB capacity as AWS would bill it, through a loopback proxy in front of the emulator: each write's
// units from the larger of the item before and after (a failed conditional write too), each index entry it adds,
// changes or removes, and each read's units from the sizes of the items it returns. The benchmark's "write and read
// units per case life" come from here; dynalite itself counts nothing.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { itemSize, readUnits, writeUnits } from '#adapters/item-size.ts';
import { caseTable } from '#catalog';
import { closeServer } from './emulators.ts';

export interface CapacityTotals {
  /** Write units of the table's own items. */
  tableWrites: number;
  /** Write units of index entries (each index an item's change touches). */
  indexWrites: number;
  /** Read units (strongly consistent reads count 1 per 4 KB, eventual ones half). */
  reads: number;
}

type JsonItem = Record<string, unknown>;

/** The emulator's JSON attribute values as the SDK types them (binary arrives as base64). */
function asItem(json: JsonItem | undefined): Record<string, AttributeValue> {
  const convert = (value: unknown): AttributeValue => {
    const v = value as Record<string, unknown>;
    if (typeof v.B === 'string') return { B: Buffer.from(v.B, 'base64') };
    if (Array.isArray(v.L)) return { L: v.L.map(convert) };
    if (v.M !== undefined && typeof v.M === 'object') {
      return { M: Object.fromEntries(Object.entries(v.M as JsonItem).map(([k, x]) => [k, convert(x)])) };
    }
    return v as unknown as AttributeValue;
  };
  return Object.fromEntries(Object.entries(json ?? {}).map(([k, v]) => [k, convert(v)]));
}

const sizeOf = (item: JsonItem | undefined) => (item === undefined ? 0 : itemSize(asItem(item)));

/** What one index holds of an item: its key and projected attributes, or nothing when the item is not in it. */
function indexEntry(
  item: JsonItem | undefined,
  index: (typeof caseTable.indexes)[keyof typeof caseTable.indexes],
) {
  if (item === undefined || item[index.partitionKey] === undefined || item[index.sortKey] === undefined)
    return undefined;
  const entry: JsonItem = {};
  for (const name of [
    caseTable.partitionKey,
    caseTable.sortKey,
    index.partitionKey,
    index.sortKey,
    ...index.attributes,
  ]) {
    if (item[name] !== undefined) entry[name] = item[name];
  }
  return entry;
}

/** Index write units of a change from `before` to `after`: a new, changed or moved entry is written, a gone one deleted. */
function indexWriteUnits(before: JsonItem | undefined, after: JsonItem | undefined): number {
  let units = 0;
  for (const index of Object.values(caseTable.indexes)) {
    const was = indexEntry(before, index);
    const is = indexEntry(after, index);
    // AWS counts an index entry as its attributes plus 100 bytes.
    const cost = (entry: JsonItem) => writeUnits(sizeOf(entry) + 100);
    if (was === undefined && is === undefined) continue;
    if (was !== undefined && is === undefined) units += cost(was);
    else if (was === undefined && is !== undefined) units += cost(is);
    else if (was !== undefined && is !== undefined) {
      const moved =
        JSON.stringify(was[index.partitionKey]) !== JSON.stringify(is[index.partitionKey]) ||
        JSON.stringify(was[index.sortKey]) !== JSON.stringify(is[index.sortKey]);
      if (moved) units += cost(was) + cost(is);
      else if (JSON.stringify(was) !== JSON.stringify(is)) units += cost(is);
    }
  }
  return units;
}

/** Starts the meter in front of `target`; totals accumulate in `totals` until it stops. */
export async function meterCapacity(
  target: string,
  totals: CapacityTotals,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const call = (operation: string, body: unknown, headers: Record<string, string | string[] | undefined>) =>
    new Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }>(
      (resolve, reject) => {
        const payload = Buffer.from(JSON.stringify(body));
        const forward = request(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            path: '/',
            method: 'POST',
            headers: { ...headers, 'x-amz-target': operation, 'content-length': String(payload.length) },
          },
          (answer) => {
            const chunks: Buffer[] = [];
            answer.on('data', (c: Buffer) => chunks.push(c));
            answer.on('end', () =>
              resolve({
                status: answer.statusCode ?? 500,
                text: Buffer.concat(chunks).toString('utf8'),
                headers: answer.headers,
              }),
            );
          },
        );
        forward.on('error', reject);
        forward.end(payload);
      },
    );
  const current = async (
    table: string,
    key: JsonItem,
    headers: Record<string, string | string[] | undefined>,
  ) => {
    const answer = await call(
      'DynamoDB_20120810.GetItem',
      { TableName: table, Key: key, ConsistentRead: true },
      headers,
    );
    return (JSON.parse(answer.text) as { Item?: JsonItem }).Item;
  };
  const keyOf = (item: JsonItem) => ({
    [caseTable.partitionKey]: item[caseTable.partitionKey],
    [caseTable.sortKey]: item[caseTable.sortKey],
  });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const operation = String(req.headers['x-amz-target'] ?? '');
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text === '' ? {} : JSON.parse(text)) as JsonItem;
      const headers = { ...req.headers };
      delete headers['content-length'];
      try {
        const name = operation.split('.')[1] ?? '';
        const table = String(body.TableName ?? '');
        const writeKey =
          name === 'PutItem'
            ? keyOf(body.Item as JsonItem)
            : name === 'UpdateItem' || name === 'DeleteItem'
              ? (body.Key as JsonItem)
              : undefined;
        const before = writeKey === undefined ? undefined : await current(table, writeKey, headers);
        const answer = await call(operation, body, headers);
        if (writeKey !== undefined) {
          const after = await current(table, writeKey, headers);
          // A write costs by the larger item, before or after; a conditional write that failed costs the same.
          totals.tableWrites += writeUnits(
            Math.max(sizeOf(before), sizeOf(after), name === 'PutItem' ? sizeOf(body.Item as JsonItem) : 0),
          );
          if (answer.status === 200) totals.indexWrites += indexWriteUnits(before, after);
        } else if (answer.status === 200) {
          const parsed = JSON.parse(answer.text) as {
            Item?: JsonItem;
            Items?: JsonItem[];
            Responses?: Record<string, JsonItem[]>;
          };
          const consistent = body.ConsistentRead === true;
          if (name === 'GetItem') totals.reads += readUnits(sizeOf(parsed.Item), consistent);
          if (name === 'Query' || name === 'Scan') {
            totals.reads += readUnits(
              (parsed.Items ?? []).reduce((sum, item) => sum + sizeOf(item), 0),
              consistent,
            );
          }
          if (name === 'BatchGetItem') {
            for (const items of Object.values(parsed.Responses ?? {})) {
              for (const item of items) totals.reads += readUnits(sizeOf(item), false);
            }
          }
          if (name === 'BatchWriteItem') {
            for (const requests of Object.values((body.RequestItems ?? {}) as Record<string, JsonItem[]>)) {
              for (const r of requests) {
                const put = (r.PutRequest as { Item?: JsonItem } | undefined)?.Item;
                totals.tableWrites += writeUnits(sizeOf(put));
                totals.indexWrites += indexWriteUnits(undefined, put);
              }
            }
          }
        }
        res.writeHead(answer.status, {
          'content-type': String(answer.headers['content-type'] ?? 'application/x-amz-json-1.0'),
        });
        res.end(answer.text);
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}
