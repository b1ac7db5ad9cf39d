// A loopback proxy in front of an emulator that refuses the calls a test names, as AWS would answer a fault: for
// crashes between two writes, throttling and failing services. Traffic stays on 127.0.0.1.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from '#local/emulators.ts';

/** What to do with one call: let it through, or answer it with this status and error type instead. */
export type FaultDecision =
  | 'pass'
  | { readonly status: number; readonly type: string; readonly message?: string };

export interface FaultProxy {
  readonly endpoint: string;
  /** Calls refused so far. */
  readonly refused: number;
  stop(): Promise<void>;
}

/** `decide` sees each call's operation (x-amz-target, e.g. DynamoDB_20120810.UpdateItem) and body. */
export async function startFaultProxy(
  target: string,
  decide: (operation: string, body: string) => FaultDecision,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const decision = decide(String(req.headers['x-amz-target'] ?? ''), body.toString('utf8'));
      if (decision !== 'pass') {
        refused++;
        res.writeHead(decision.status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({ __type: decision.type, message: decision.message ?? 'refused by the test' }),
        );
        return;
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get refused() {
      return refused;
    },
    stop: () => closeServer(server),
  };
}

/** An internal error as DynamoDB answers one: the SDK retries it, then gives up. */
export const INTERNAL_ERROR: FaultDecision = {
  status: 500,
  type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
};
