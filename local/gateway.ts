// An HTTP server that does what API Gateway (HTTP API, payload 2.0) does for the catalog's routes.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteTrigger } from '#catalog';
import { dictionary } from '#domain/untrusted.ts';
import { closeServer } from './emulators.ts';
import type { FunctionPool } from './lambda.ts';

// API Gateway refuses payloads over 10 MB; a smaller cap here is enough to exercise the handlers' own limit.
const MAX_PAYLOAD_BYTES = 1024 * 1024;
const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

export interface Route {
  readonly trigger: RouteTrigger;
  readonly pool: FunctionPool;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.trigger.path.replace(/[.*+?^${}()|[\]\\]/g, (ch) =>
    ch === '{' || ch === '}' ? ch : `\\${ch}`,
  );
  const pattern = source.replace(/\{([a-zA-Z]+)(\+?)\}/g, (_, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${pattern}$`), names };
}

function specificity(route: CompiledRoute): number {
  const greedy = route.trigger.path.includes('+}') ? 1000 : 0;
  return greedy + route.names.length;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A segment with broken percent-encoding (`%`, `%zz`) goes to the handler as it came, for it to refuse. */
function decodePathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
): APIGatewayProxyEventV2 {
  // Built without prototypes: header names and query keys are whatever the client sent.
  const headers = dictionary<string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] = 'http';
  const query = dictionary<string>();
  for (const [key, value] of url.searchParams)
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const pathParameters = dictionary<string>();
  route.names.forEach((name, i) => {
    pathParameters[name] = decodePathSegment(match[i + 1] ?? '');
  });
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const routeKey = `${route.trigger.method} ${route.trigger.path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(route.names.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** The gateway's own answers: JSON, never cached, never sniffed, like every answer of the API. */
function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify({ message }));
}

export interface Gateway {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

export async function startGateway(
  routes: readonly Route[],
  options: { port: number; region: string },
): Promise<Gateway> {
  // The most specific route wins, as on API Gateway: literal segments before `{param}`, `{param}` before `{proxy+}`.
  const compiled = routes.map(compile).sort((a, b) => specificity(a) - specificity(b));
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const candidates = compiled.flatMap((route) => {
        const match = route.pattern.exec(url.pathname);
        return match ? [{ route, match }] : [];
      });
      const found = candidates.find(({ route }) => route.trigger.method === req.method);
      if (found === undefined) {
        // An HTTP API answers an unknown route and a known route with another method alike.
        send(res, 404, 'Not Found');
        return;
      }
      const body = await readBody(req);
      if (body === 'too-large') {
        send(res, 413, 'Request Entity Too Large');
        return;
      }
      const event = toEvent(req, url, found.route, found.match, body);
      const result = (await found.route.pool.invoke(event, options.region)) as
        | APIGatewayProxyStructuredResultV2
        | undefined;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(result?.headers ?? {})) headers[name] = String(value);
      const payload = result?.body ?? '';
      res.writeHead(result?.statusCode ?? 200, headers);
      res.end(result?.isBase64Encoded ? Buffer.from(payload, 'base64') : payload);
    } catch (error) {
      // What API Gateway answers when the function itself fails: the details stay in the function's log.
      console.error(
        `[gateway] ${req.method} ${req.url}: ${(error as Error).name}: ${(error as Error).message}`,
      );
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () => closeServer(server),
  };
}
