// An HTTP server that does what API Gateway (HTTP API, payload 2.0) does for the catalog's routes: the most
// specific route wins, an unknown route or method is `404 {"message":"Not Found"}`, an authorizer runs before the
// function, and the body arrives as API Gateway passes it (text, or base64 with `isBase64Encoded`). Paths are
// matched as they came: nothing is resolved or merged, so `//host/x` or `/a/../x` names no route. What Node itself
// would refuse with a bare answer (headers too large, a method it cannot parse) gets the API's JSON error shape.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpMethod, RouteAuth, RouteTrigger } from '#catalog';
import { dictionary } from '#domain/untrusted.ts';
import type { AuthWiring } from '#functions/wiring.ts';
import { errorBody } from '#http/responses.ts';
import { closeServer } from './emulators.ts';
import type { Invoker } from './lambda.ts';

// API Gateway refuses payloads over 10 MB; a smaller cap here is enough to exercise the handlers' own limit.
const MAX_PAYLOAD_BYTES = 1024 * 1024;
// Node's default, stated: a request whose header section (request line included) is larger gets 431.
export const MAX_HEADER_BYTES = 16 * 1024;
// What an HTTP API passes as text; everything else arrives base64-encoded.
const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml|javascript)|text\/)|\+json|\+xml/i;

/** What an authorizer decided: the request goes on (with what API Gateway passes of the token), or is refused. */
export type Authorization =
  | { readonly allowed: true; readonly jwt?: { claims: Record<string, string>; scopes: string[] | null } }
  | { readonly allowed: false; readonly status: 401 | 403 };

/** Looks at the request's headers before any function runs, as API Gateway's authorizers do. */
export type Authorizer = (headers: Readonly<Record<string, string>>) => Promise<Authorization>;

export interface Route {
  readonly trigger: RouteTrigger;
  readonly invoker: Invoker;
}

/** A route only this machine has (`/local/…`): answered by the runtime itself, never deployed. */
export interface LocalRoute {
  readonly method: HttpMethod;
  readonly path: string;
  handle(body: string): Promise<{ status: number; body: unknown }>;
}

interface CompiledRoute {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly target: { kind: 'function'; route: Route } | { kind: 'local'; route: LocalRoute };
}

function compile(method: string, path: string, target: CompiledRoute['target']): CompiledRoute {
  const names: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, (ch) => (ch === '{' || ch === '}' ? ch : `\\${ch}`));
  const pattern = source.replace(/\{([a-zA-Z]+)(\+?)\}/g, (_, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { method, path, pattern: new RegExp(`^${pattern}$`), names, target };
}

/** Lower is more specific: literal paths before `{param}`, `{param}` before `{proxy+}`. */
function specificity(route: CompiledRoute): number {
  return (route.path.includes('+}') ? 1000 : 0) + route.names.length;
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

/** How the gateway reads a request target (RFC 9112's origin-form, `/path?query`). */
export type RequestTarget =
  /** `path` and `query` as sent; `routed` is the path without one trailing slash. */
  | { readonly kind: 'path'; readonly path: string; readonly query: string; readonly routed: string }
  /** An empty segment (`//`, `/a//b`) or a dot segment (`.`, `..`, `%2e`): a URL parser would merge or resolve
   * it into another path (`//evil.example/complaints` into `/complaints`), so it names no route at all. */
  | { readonly kind: 'no-route' }
  /** Not a path: absolute-form (`http://host/x`) or `*`. */
  | { readonly kind: 'not-a-path' };

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

// Node's parser has already refused a target with anything but printable ASCII in it (400 `malformed-request`):
// a browser percent-encodes the rest (`/😀` is sent as `/%F0%9F%98%80`).
export function requestTarget(target: string): RequestTarget {
  if (!target.startsWith('/')) return { kind: 'not-a-path' };
  const at = target.indexOf('?');
  const path = at === -1 ? target : target.slice(0, at);
  const segments = path === '/' ? [] : path.slice(1).split('/');
  // API Gateway routes `/console/` as `/console`: one trailing slash does not make another route.
  if (segments.at(-1) === '') segments.pop();
  if (segments.some((segment) => segment === '' || DOT_SEGMENT.test(segment))) return { kind: 'no-route' };
  return {
    kind: 'path',
    path,
    query: at === -1 ? '' : target.slice(at + 1),
    routed: `/${segments.join('/')}`,
  };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  // Built without a prototype: header names are whatever the client sent.
  const headers = dictionary<string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

function toEvent(
  req: IncomingMessage,
  target: RequestTarget & { kind: 'path' },
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
  headers: Record<string, string>,
  authorization: Authorization & { allowed: true },
): APIGatewayProxyEventV2 {
  const query = dictionary<string>();
  for (const [key, value] of new URLSearchParams(target.query)) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  }
  const pathParameters = dictionary<string>();
  route.names.forEach((name, i) => {
    pathParameters[name] = decodePathSegment(match[i + 1] ?? '');
  });
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const routeKey = `${route.method} ${route.path}`;
  const now = new Date();
  const host = 'localhost';
  return {
    version: '2.0',
    routeKey,
    rawPath: target.path,
    rawQueryString: target.query,
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(target.query === '' ? {} : { queryStringParameters: query }),
    ...(route.names.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host,
      http: {
        method: req.method ?? 'GET',
        path: target.path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorization.jwt === undefined ? {} : { authorizer: { jwt: authorization.jwt } }),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  } as APIGatewayProxyEventV2;
}

/** The gateway's own answers: JSON, never cached, never sniffed, like every answer of the API. */
function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

const MESSAGES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden' };

/** What Node's parser refuses before there is a request, answered in the API's error shape instead of a bare
 * status line: the socket is then closed, as nothing after the fault can be read reliably. */
const CLIENT_ERRORS: Record<
  string,
  readonly [status: number, reason: string, code: string, message: string]
> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers-too-large',
    `The request line and headers must be at most ${MAX_HEADER_BYTES / 1024} KB in all.`,
  ],
  HPE_INVALID_METHOD: [
    501,
    'Not Implemented',
    'method-not-implemented',
    'This API does not know that method.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'request-timeout',
    'The request took too long to arrive.',
  ],
  ERR_HTTP_HEADERS_TIMEOUT: [
    408,
    'Request Timeout',
    'request-timeout',
    'The request took too long to arrive.',
  ],
};
const MALFORMED = [400, 'Bad Request', 'malformed-request', 'The request is not valid HTTP/1.1.'] as const;

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      'cache-control: no-store\r\n' +
      'x-content-type-options: nosniff\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

export interface GatewayRoutes {
  readonly routes: readonly Route[];
  readonly authorizers: AuthWiring<Authorizer>;
  readonly localRoutes?: readonly LocalRoute[];
}

export interface Gateway {
  /** Where this process reaches it (loopback). */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Starts answering on these routes; until then every request gets 503. */
  serve(routes: GatewayRoutes): void;
  stop(): Promise<void>;
}

/** Listens at once (so the port is known before functions are configured); routes come with `serve`. */
export async function startGateway(options: { port: number }): Promise<Gateway> {
  let compiled: CompiledRoute[] | undefined;
  let authorizers: AuthWiring<Authorizer> | undefined;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (compiled === undefined || authorizers === undefined) {
      send(res, 503, { message: 'Service Unavailable' });
      return;
    }
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      send(res, 400, errorBody('malformed-request', 'An HTTP/1.1 request must name its Host.'));
      return;
    }
    const requested = requestTarget(req.url ?? '');
    if (requested.kind === 'not-a-path') {
      send(
        res,
        400,
        errorBody('malformed-request', 'The request target must be a path, such as /complaints.'),
      );
      return;
    }
    let found: { route: CompiledRoute; match: RegExpExecArray } | undefined;
    const routed = requested.kind === 'path' ? requested.routed : undefined;
    for (const route of compiled) {
      const match = routed !== undefined && route.method === req.method ? route.pattern.exec(routed) : null;
      if (match) {
        found = { route, match };
        break;
      }
    }
    if (found === undefined || requested.kind !== 'path') {
      // An HTTP API answers an unknown route and a known route with another method alike.
      send(res, 404, { message: 'Not Found' });
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      send(res, 413, { message: 'Request Entity Too Large' });
      return;
    }
    const { target } = found.route;
    if (target.kind === 'local') {
      const result = await target.route.handle(body.toString('utf8'));
      send(res, result.status, result.body);
      return;
    }
    const headers = headersOf(req);
    const auth: RouteAuth = target.route.trigger.auth;
    const authorization = await authorizers[auth](headers);
    if (!authorization.allowed) {
      send(res, authorization.status, { message: MESSAGES[authorization.status] });
      return;
    }
    const event = toEvent(req, requested, found.route, found.match, body, headers, authorization);
    const result = (await target.route.invoker.invoke(event)) as
      | APIGatewayProxyStructuredResultV2
      | undefined;
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result?.headers ?? {})) responseHeaders[name] = String(value);
    const payload = result?.body ?? '';
    res.writeHead(result?.statusCode ?? 200, responseHeaders);
    res.end(result?.isBase64Encoded ? Buffer.from(payload, 'base64') : payload);
  }

  // The Host check is the gateway's own (above), so that its refusal has the API's shape too.
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false },
    async (req, res) => {
      try {
        await answer(req, res);
      } catch (error) {
        // What API Gateway answers when the function itself fails: the details stay in the function's log.
        console.error(
          `[gateway] ${req.method} ${req.url}: ${(error as Error).name}: ${(error as Error).message}`,
        );
        if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
        else res.end();
      }
    },
  );
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    serve(routes) {
      compiled = [
        ...routes.routes.map((route) =>
          compile(route.trigger.method, route.trigger.path, { kind: 'function', route }),
        ),
        ...(routes.localRoutes ?? []).map((route) =>
          compile(route.method, route.path, { kind: 'local', route }),
        ),
      ].sort((a, b) => specificity(a) - specificity(b));
      authorizers = routes.authorizers;
    },
    stop: () => closeServer(server),
  };
}
