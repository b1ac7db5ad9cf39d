// Counts the AWS calls an emulator answers, by operation, through a loopback proxy in front of it: the benchmark
// prints calls per complaint from these, so a change that adds a call shows.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from './emulators.ts';

/**
 * Calls by caller and operation, e.g. `intake-web AmazonSQS.SendMessage`. The caller is the function's name, which
 * the local runtime gives each function's SDK as its app id (it travels in the user agent); `-` is anyone else.
 */
export type CallCounts = Record<string, number>;

export async function countCalls(
  target: string,
  counts: CallCounts,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const operation = req.headers['x-amz-target'];
    const agent = `${req.headers['x-amz-user-agent'] ?? ''} ${req.headers['user-agent'] ?? ''}`;
    // Powertools appends its own tag to the app id (`intake-web-PT-…`).
    const caller = /(?:^|\s)app\/([a-z0-9-]+?)(?:-PT-\S*)?(?:\s|$)/.exec(agent)?.[1] ?? '-';
    const name = `${caller} ${typeof operation === 'string' ? operation : `${req.method} ${req.url?.split('?')[0]}`}`;
    counts[name] = (counts[name] ?? 0) + 1;
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}
