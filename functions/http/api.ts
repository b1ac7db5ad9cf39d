// Wraps an HTTP handler in the middleware every API route shares, in the order that makes every failure an
// intended JSON answer: Powertools (context, metrics, tracing), HSTS, errors, the refusal of cross-site posts,
// authentication, the size limit, the raw body kept for signature checks, body parsing, and the refusal of keys
// that name a prototype.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
// Named from zod's core, not as `z.core.$ZodError`: a reach through the `core` namespace bundles all of it, every
// locale included (+400 KB).
import { $ZodError } from 'zod/v4/core';
import { PrototypeKeyError, prototypeKeysIn } from '#domain/untrusted.ts';
import { logger, metrics } from '../observability.ts';
import { errorBody, HttpError, type HttpResult, json } from './responses.ts';

/**
 * A request whose body, when present, has been parsed from JSON or a form into plain values; `rawBody` keeps the
 * bytes as they arrived, for checks of a signature over them.
 */
export type ParsedEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown; rawBody?: Buffer };
type Middleware = MiddlewareObj<ParsedEvent, HttpResult, Error, Context>;

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/** Refuses bodies that are too large before anything parses them. */
function bodyLimit(maxBytes: number): Middleware {
  return {
    before: ({ event }) => {
      if (typeof event.body !== 'string') return;
      const size = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
      if (size > maxBytes) {
        throw new HttpError(413, 'payload-too-large', `The request body must be at most ${maxBytes} bytes.`);
      }
    },
  };
}

/** The body's bytes as the client sent them (API Gateway base64-encodes what is not text). */
const keepRawBody: Middleware = {
  before: ({ event }) => {
    if (typeof event.body !== 'string') return;
    event.rawBody = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  },
};

/** A parser that runs only when there is a body: a GET that names a content type but sends nothing is no error. */
function withBody(parser: Middleware): Middleware {
  return {
    before: async (request) => {
      if (typeof request.event.body !== 'string' || request.event.body === '') return;
      await parser.before?.(request);
    },
  };
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
// What a browser says of where a request comes from (Fetch Metadata) that lets it change anything: the site's own
// pages, a sibling host of the same site, or the visitor themselves (a typed address, a bookmark).
const ALLOWED_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'same-site', 'none']);

/**
 * Whether a browser sent this request on behalf of another site (a form or script there posting here). Browsers
 * say so with `Sec-Fetch-Site`, or, older ones, with an `Origin` that is not this host; clients that are not browsers
 * (curl, Twilio, call-centre software, Open311 apps) send neither and are never taken for another site.
 */
export function isCrossSite(headers: Readonly<Record<string, string | undefined>>): boolean {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite !== undefined) return !ALLOWED_FETCH_SITES.has(fetchSite.trim().toLowerCase());
  const origin = headers.origin;
  if (origin === undefined) return false;
  // `Origin: null` comes from sandboxed frames, files and data: pages: never this site's own pages.
  const host = URL.parse(origin.trim())?.host;
  return host === undefined || host === '' || host !== headers.host?.trim().toLowerCase();
}

/** A state-changing request another site made a visitor's browser send is refused before anything reads it. */
const refuseCrossSite: Middleware = {
  before: ({ event }) => {
    if (SAFE_METHODS.has(event.requestContext.http.method) || !isCrossSite(event.headers)) return;
    throw new HttpError(
      403,
      'cross-site-request',
      '不接受其他网站代为提交 / A page on another site cannot send this request; use this site’s own form.',
    );
  },
};

// A year. Not `includeSubDomains`: the stack answers for its own host, not for the other hosts of its domain.
export const HSTS = 'max-age=31536000';

/** Over HTTPS (always, behind API Gateway), browsers are told to use nothing else for this host from now on. */
const strictTransportSecurity: Middleware = {
  after: (request) => addHsts(request.event, request.response),
  onError: (request) => addHsts(request.event, request.response),
};

function addHsts(event: ParsedEvent, response: HttpResult | null | undefined): void {
  if (response === null || response === undefined || event.headers['x-forwarded-proto'] !== 'https') return;
  response.headers = { ...response.headers, 'strict-transport-security': HSTS };
}

/** Decides whether the caller may use the route; throws an HttpError (401, 403) when not. */
export type Authenticator = (event: ParsedEvent) => void | Promise<void>;

function authentication(authenticate: Authenticator): Middleware {
  return { before: async ({ event }) => authenticate(event) };
}

/** Whatever the parsers left as text came in a format this API does not read. */
const requireParsedBody: Middleware = {
  before: ({ event }) => {
    if (typeof event.body === 'string' && event.body.length > 0) {
      throw new HttpError(
        415,
        'unsupported-media-type',
        'Send JSON or an HTML form (application/x-www-form-urlencoded).',
      );
    }
  },
};

/** No key from outside may name a prototype, in the body or the query string, whatever the handler does next. */
const refusePrototypeKeys: Middleware = {
  before: ({ event }) => {
    const [key] = [...prototypeKeysIn(event.body), ...prototypeKeysIn(event.queryStringParameters)];
    if (key !== undefined) throw new PrototypeKeyError(key);
  },
};

const fieldPath = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '(body)' : path.map(String).join('.');

/** Turns any error into the API's JSON error shape. Unexpected faults are logged (never the request) and hidden. */
export function toErrorResponse(error: unknown): HttpResult {
  if (error instanceof HttpError) {
    return json(error.statusCode, errorBody(error.code, error.message, error.fields), error.headers);
  }
  if (error instanceof PrototypeKeyError) {
    return json(
      400,
      errorBody('invalid-request', '部分内容缺失或有误 / Some fields are missing or not valid.', {
        [error.key]: '不接受的字段名 / not an accepted field name',
      }),
    );
  }
  // Mini's parse throws core's $ZodError; classic's ZodError is one too, so both become a 400.
  if (error instanceof $ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[fieldPath(issue.path)] ??= issue.message;
    return json(
      400,
      errorBody('invalid-request', '部分内容缺失或有误 / Some fields are missing or not valid.', fields),
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 415) {
    return json(415, errorBody('unsupported-media-type', 'Send JSON or an HTML form.'));
  }
  if (status === 422 || status === 400) {
    // middy's JSON parser says 422 for unparseable JSON; to a client that is simply a bad request.
    return json(400, errorBody('malformed-body', 'The request body could not be parsed.'));
  }
  logger.error('unhandled error', {
    errorName: (error as Error)?.name,
    errorMessage: (error as Error)?.message,
  });
  return json(
    500,
    errorBody('internal', 'Something went wrong on our side. Nothing was recorded; please try again.'),
  );
}

const jsonErrors: Middleware = {
  onError: (request) => {
    request.response = toErrorResponse(request.error);
    metrics.addMetric(
      request.response.statusCode >= 500 ? 'ServerError' : 'RequestRejected',
      MetricUnit.Count,
      1,
    );
  },
};

export interface HttpApiOptions {
  /** @default 64 KiB */
  readonly maxBodyBytes?: number;
  /** Runs before the body is read. @default - a public route: everyone may call it */
  readonly authenticate?: Authenticator;
}

export function httpApi(
  handler: (event: ParsedEvent, context: Context) => Promise<HttpResult>,
  options: HttpApiOptions = {},
) {
  return (
    middy<ParsedEvent, HttpResult, Error, Context>(handler)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics, { captureColdStartMetric: true }))
      // Before jsonErrors, so that its `after` and `onError` run last and see every answer, refusals included.
      .use(strictTransportSecurity)
      .use(jsonErrors)
      .use(refuseCrossSite)
      .use(authentication(options.authenticate ?? (() => undefined)))
      .use(bodyLimit(options.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES))
      .use(keepRawBody)
      .use(withBody(httpJsonBodyParser({ disableContentTypeError: true }) as Middleware))
      .use(withBody(httpUrlencodeBodyParser({ disableContentTypeError: true }) as Middleware))
      .use(requireParsedBody)
      .use(refusePrototypeKeys)
  );
}

export function headerOf(event: ParsedEvent, name: string): string | undefined {
  return event.headers[name.toLowerCase()];
}
