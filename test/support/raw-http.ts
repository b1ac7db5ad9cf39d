// Sends bytes to a server exactly as given — a request line no HTTP client would send (`GET //`, `/a/../b`, an
// unknown method, 20 KB of headers) — and reads the answer until the server closes the connection.
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A request line and headers (`Host` and `Connection: close` added), then an optional body. */
export function rawRequest(
  address: string,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string; host?: string | null } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(address);
  const lines = [`${method} ${target} HTTP/1.1`];
  if (options.host !== null) lines.push(`Host: ${options.host ?? `${hostname}:${port}`}`);
  lines.push('Connection: close');
  for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`${name}: ${value}`);
  if (options.body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(options.body)}`);
  // The target is written as UTF-8 bytes, as a client that does not percent-encode would send it.
  return rawBytes(address, Buffer.from(`${lines.join('\r\n')}\r\n\r\n${options.body ?? ''}`, 'utf8'));
}

export function rawBytes(address: string, bytes: Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parse(answer: Buffer): RawAnswer {
  const end = answer.indexOf('\r\n\r\n');
  if (end === -1)
    throw new Error(`no HTTP answer: ${JSON.stringify(answer.toString('latin1').slice(0, 200))}`);
  const [statusLine = '', ...headerLines] = answer.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = answer.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status, headers, body: body.toString('utf8') };
}

function unchunk(chunked: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = chunked.indexOf('\r\n', at);
    const size = Number.parseInt(chunked.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(chunked.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
