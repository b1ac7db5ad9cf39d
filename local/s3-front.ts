// S3 on this machine: fauxqs keeps the objects (it serves S3's object API), and this front makes the bucket behave
// as S3 does where the evidence flow depends on it and fauxqs does not: browser uploads by POST policy (signature,
// expiry and every condition checked — the key, the exact fields, the content-length range), presigned GET links
// (signature and expiry checked, response-* overrides applied), no anonymous access, bucket CORS rules, and
// notifications of new objects to SQS (PutBucketNotificationConfiguration, with S3's test event). SDK calls signed
// with a known access key pass through; a body larger than fauxqs takes is stored by a multipart upload.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import busboy from 'busboy';
import { XMLParser } from 'fast-xml-parser';
import { startFauxqs } from 'fauxqs';

export interface S3FrontOptions {
  /** 0 or absent picks a free port. */
  readonly port?: number;
  /** Objects and bucket settings survive restarts here; without it they live in memory. */
  readonly dataDir?: string;
  /** Access key id → secret key: what signatures are checked against (the runtime's SDK credentials). */
  readonly credentials: Readonly<Record<string, string>>;
  /** Where notifications are sent (the SQS emulator, or AWS_ENDPOINT_URL_SQS). */
  readonly sqsEndpoint: string;
  readonly region: string;
  /**
   * Seconds this S3's clock runs ahead of the machine's, read at each request: shared memory (one Int32), so a test
   * in another thread can let time pass for upload policies and links (they expire as in S3) without waiting.
   */
  readonly clockOffset?: Int32Array;
}

export interface S3Front {
  readonly endpoint: string;
  stop(): Promise<void>;
}

interface QueueNotification {
  readonly id: string;
  readonly queueArn: string;
  readonly events: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
}

interface CorsRule {
  readonly origins: readonly string[];
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly expose: readonly string[];
  readonly maxAgeSeconds?: number;
}

interface BucketSettings {
  notifications: QueueNotification[];
  cors: CorsRule[];
}

/** fauxqs takes bodies up to 11 MiB; larger objects go in by parts of this size. */
const PART_BYTES = 8 * 1024 * 1024;
/** Nothing larger is taken at all (S3's single PUT allows 5 GB; evidence is 20 MB). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const RESPONSE_OVERRIDES = [
  'content-type',
  'content-disposition',
  'cache-control',
  'content-language',
  'expires',
  'content-encoding',
] as const;

class S3Refusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const xml = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  isArray: (name) =>
    [
      'QueueConfiguration',
      'Event',
      'FilterRule',
      'CORSRule',
      'AllowedOrigin',
      'AllowedMethod',
      'AllowedHeader',
      'ExposeHeader',
    ].includes(name),
});

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
}

/** RFC 3986 encoding, as SigV4 canonicalises query strings. */
const uriEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

const sameHex = (a: string, b: string) =>
  a.length === b.length && /^[0-9a-f]+$/.test(a) && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `20261207T040413Z` as a time. */
function amzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** The raw query's pairs, decoded, in their order. */
function queryPairs(search: string): [string, string][] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      const decode = (s: string) => decodeURIComponent(s);
      return at < 0 ? [decode(part), ''] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startS3Front(options: S3FrontOptions): Promise<S3Front> {
  const offset = options.clockOffset;
  const now = () => Date.now() + (offset === undefined ? 0 : Atomics.load(offset, 0) * 1000);
  const settingsFile = options.dataDir === undefined ? undefined : join(options.dataDir, 'buckets.json');
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const store = await startFauxqs({
    port: 0,
    host: '127.0.0.1',
    logger: false,
    ...(options.dataDir === undefined ? {} : { s3StorageDir: join(options.dataDir, 'objects') }),
  });
  const storeEndpoint = `http://127.0.0.1:${store.port}`;
  const [accessKeyId, secretAccessKey] = Object.entries(options.credentials)[0] ?? ['local', 'local'];
  const storeClient = new S3Client({
    region: options.region,
    endpoint: storeEndpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  const sqs = new SQSClient({
    region: options.region,
    endpoint: options.sqsEndpoint,
    credentials: { accessKeyId, secretAccessKey },
    useQueueUrlAsEndpoint: false,
  });
  const settings = new Map<string, BucketSettings>(
    settingsFile !== undefined && existsSync(settingsFile)
      ? Object.entries(JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, BucketSettings>)
      : [],
  );
  const settingsOf = (bucket: string): BucketSettings => {
    let found = settings.get(bucket);
    if (found === undefined) {
      found = { notifications: [], cors: [] };
      settings.set(bucket, found);
    }
    return found;
  };
  const saveSettings = () => {
    if (settingsFile !== undefined) writeFileSync(settingsFile, JSON.stringify(Object.fromEntries(settings)));
  };

  const queueUrls = new Map<string, string>();
  async function queueUrlOf(arn: string): Promise<string> {
    const known = queueUrls.get(arn);
    if (known !== undefined) return known;
    const [, , , , account, name] = arn.split(':');
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: name, ...(account ? { QueueOwnerAWSAccountId: account } : {}) }),
    );
    if (QueueUrl === undefined) throw new Error(`no queue ${arn}`);
    queueUrls.set(arn, QueueUrl);
    return QueueUrl;
  }

  /** S3's event notification of a new object, to every queue whose configuration matches it. */
  async function notifyCreated(bucket: string, key: string, size: number, eTag: string, how: string) {
    const eventName = `ObjectCreated:${how}`;
    for (const target of settingsOf(bucket).notifications) {
      const matches = target.events.some(
        (e) => e === `s3:${eventName}` || e === 's3:ObjectCreated:*' || e === 's3:*',
      );
      if (!matches || !key.startsWith(target.prefix) || !key.endsWith(target.suffix)) continue;
      const record = {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: options.region,
        eventTime: new Date().toISOString(),
        eventName,
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomUUID() },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: target.id,
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: eTag.replace(/"/g, ''),
            sequencer: Date.now().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      };
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: await queueUrlOf(target.queueArn),
          MessageBody: JSON.stringify({ Records: [record] }),
        }),
      );
    }
  }

  function corsHeaders(bucket: string, req: IncomingMessage, method: string): Record<string, string> {
    const origin = req.headers.origin;
    if (origin === undefined) return {};
    const rule = settingsOf(bucket).cors.find(
      (r) => (r.origins.includes('*') || r.origins.includes(origin)) && r.methods.includes(method),
    );
    if (rule === undefined) return {};
    return {
      'access-control-allow-origin': rule.origins.includes('*') ? '*' : origin,
      vary: 'Origin',
      ...(rule.expose.length > 0 ? { 'access-control-expose-headers': rule.expose.join(', ') } : {}),
    };
  }

  /** Stores an object in fauxqs, by parts when it is larger than fauxqs takes in one request. */
  async function putIntoStore(
    bucket: string,
    key: string,
    body: Buffer,
    headers: {
      contentType?: string;
      contentDisposition?: string;
      cacheControl?: string;
      metadata: Record<string, string>;
    },
  ): Promise<string> {
    const common = {
      Bucket: bucket,
      Key: key,
      ...(headers.contentType === undefined ? {} : { ContentType: headers.contentType }),
      ...(headers.contentDisposition === undefined ? {} : { ContentDisposition: headers.contentDisposition }),
      ...(headers.cacheControl === undefined ? {} : { CacheControl: headers.cacheControl }),
      Metadata: headers.metadata,
    };
    if (body.length <= PART_BYTES) {
      const { ETag } = await storeClient.send(new PutObjectCommand({ ...common, Body: body }));
      return ETag ?? '';
    }
    const { UploadId } = await storeClient.send(new CreateMultipartUploadCommand(common));
    const parts: { ETag: string; PartNumber: number }[] = [];
    for (let at = 0, n = 1; at < body.length; at += PART_BYTES, n++) {
      const { ETag } = await storeClient.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          PartNumber: n,
          Body: body.subarray(at, at + PART_BYTES),
        }),
      );
      parts.push({ ETag: ETag ?? '', PartNumber: n });
    }
    const { ETag } = await storeClient.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return ETag ?? '';
  }

  /** A browser's upload: the POST policy checked as S3 checks it, the file counted as it streams. */
  function postObject(bucket: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      const fields = new Map<string, { name: string; value: string }>();
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fieldSize: 64 * 1024, fields: 100 } });
      } catch {
        reject(
          new S3Refusal(
            400,
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        );
        return;
      }
      let handled = false;
      const fail = (error: unknown) => {
        if (handled) return;
        handled = true;
        req.unpipe(parser);
        req.resume();
        reject(error);
      };
      parser.on('field', (name, value) => {
        if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), { name, value });
      });
      parser.on('file', (name, stream, info) => {
        if (handled || name !== 'file') {
          stream.resume();
          return;
        }
        let range: { min: number; max: number };
        let key: string;
        try {
          ({ range, key } = checkPolicy(bucket, fields, info.filename));
        } catch (error) {
          stream.resume();
          fail(error);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > range.max) {
            stream.resume();
            fail(
              new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'),
            );
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          if (handled) return;
          handled = true;
          if (size < range.min) {
            reject(
              new S3Refusal(
                400,
                'EntityTooSmall',
                'Your proposed upload is smaller than the minimum allowed size',
              ),
            );
            req.resume();
            return;
          }
          const metadata: Record<string, string> = {};
          for (const { name: field, value } of fields.values()) {
            if (field.toLowerCase().startsWith('x-amz-meta-'))
              metadata[field.toLowerCase().slice(11)] = value;
          }
          const value = (name: string) => fields.get(name)?.value;
          const body = Buffer.concat(chunks);
          putIntoStore(bucket, key, body, {
            ...(value('content-type') === undefined ? {} : { contentType: value('content-type') as string }),
            ...(value('content-disposition') === undefined
              ? {}
              : { contentDisposition: value('content-disposition') as string }),
            ...(value('cache-control') === undefined
              ? {}
              : { cacheControl: value('cache-control') as string }),
            metadata,
          })
            .then(async (eTag) => {
              const status = Number(value('success_action_status') ?? 204);
              res.writeHead([200, 201, 204].includes(status) ? status : 204, {
                etag: eTag,
                location: `/${bucket}/${key}`,
                ...corsHeaders(bucket, req, 'POST'),
              });
              res.end();
              await notifyCreated(bucket, key, body.length, eTag, 'Post');
              resolve();
            })
            .catch(reject);
        });
      });
      parser.on('error', () =>
        fail(
          new S3Refusal(
            400,
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        ),
      );
      parser.on('close', () => {
        if (!handled)
          fail(new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.'));
      });
      req.pipe(parser);
    });
  }

  /** The POST policy: signature, expiry, every field covered and every condition met. Answers the size range and key. */
  function checkPolicy(
    bucket: string,
    fields: ReadonlyMap<string, { name: string; value: string }>,
    filename: string | undefined,
  ): { range: { min: number; max: number }; key: string } {
    const field = (name: string) => fields.get(name.toLowerCase())?.value;
    const policy = field('policy');
    const signature = field('x-amz-signature');
    const credential = field('x-amz-credential');
    if (policy === undefined || signature === undefined || credential === undefined) {
      throw new S3Refusal(
        403,
        'AccessDenied',
        'Bucket POST must contain a policy, a credential and a signature.',
      );
    }
    const [keyId, date, region, service] = credential.split('/');
    const secret = keyId === undefined ? undefined : options.credentials[keyId];
    if (secret === undefined) {
      throw new S3Refusal(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    const expected = hmac(signingKey(secret, date ?? '', region ?? '', service ?? ''), policy).toString(
      'hex',
    );
    if (!sameHex(signature.toLowerCase(), expected)) {
      throw new S3Refusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    let document: { expiration?: string; conditions?: unknown[] };
    try {
      document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
    } catch {
      throw new S3Refusal(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
    }
    if (!(Date.parse(document.expiration ?? '') > now())) {
      throw new S3Refusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    }
    let key = field('key');
    if (key === undefined)
      throw new S3Refusal(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own placeholder, replaced by the file's name.
    key = key.replaceAll('${filename}', filename ?? '');
    const conditionValue = (name: string) =>
      name.toLowerCase() === 'bucket' ? bucket : name.toLowerCase() === 'key' ? key : (field(name) ?? '');
    const covered = new Set<string>();
    let range = { min: 0, max: Number.POSITIVE_INFINITY };
    const failed = (condition: unknown) =>
      new S3Refusal(
        403,
        'AccessDenied',
        `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
      );
    for (const condition of document.conditions ?? []) {
      if (Array.isArray(condition)) {
        const [op, name, value] = condition as [string, unknown, unknown];
        if (String(op).toLowerCase() === 'content-length-range') {
          range = { min: Number(name), max: Number(value) };
          continue;
        }
        const fieldName = String(name).replace(/^\$/, '').toLowerCase();
        covered.add(fieldName);
        const actual = conditionValue(fieldName);
        if (String(op).toLowerCase() === 'eq' && actual !== String(value)) throw failed(condition);
        if (String(op).toLowerCase() === 'starts-with' && !actual.startsWith(String(value)))
          throw failed(condition);
        if (!['eq', 'starts-with'].includes(String(op).toLowerCase())) throw failed(condition);
      } else if (typeof condition === 'object' && condition !== null) {
        for (const [name, value] of Object.entries(condition)) {
          covered.add(name.toLowerCase());
          if (conditionValue(name) !== String(value)) throw failed({ [name]: value });
        }
      }
    }
    const exempt = new Set(['policy', 'x-amz-signature', 'file']);
    const extra = [...fields.keys()].filter(
      (name) => !exempt.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
    );
    if (extra.length > 0) {
      throw new S3Refusal(
        403,
        'AccessDenied',
        `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
      );
    }
    return { range, key };
  }

  /** A presigned URL (query authentication): its signature over this very request, and its expiry. */
  function checkPresigned(req: IncomingMessage, url: URL): void {
    const pairs = queryPairs(url.search);
    const get = (name: string) => pairs.find(([k]) => k === name)?.[1];
    const credential = get('X-Amz-Credential') ?? '';
    const [keyId, date, region, service] = credential.split('/');
    const secret = keyId === undefined ? undefined : options.credentials[keyId];
    if (secret === undefined) {
      throw new S3Refusal(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    const signedAt = amzDate(get('X-Amz-Date') ?? '');
    const expires = Number(get('X-Amz-Expires'));
    if (!Number.isFinite(signedAt) || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
      throw new S3Refusal(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Date and X-Amz-Expires must be given.',
      );
    }
    if (now() > signedAt + expires * 1000) throw new S3Refusal(403, 'AccessDenied', 'Request has expired');
    const signedHeaders = (get('X-Amz-SignedHeaders') ?? '').split(';');
    const canonicalQuery = pairs
      .filter(([k]) => k !== 'X-Amz-Signature')
      .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
      .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalHeaders = signedHeaders
      .map(
        (name) =>
          `${name}:${String(req.headers[name] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join('');
    const canonical = [
      req.method,
      url.pathname,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders.join(';'),
      get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
    ].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const toSign = [
      'AWS4-HMAC-SHA256',
      get('X-Amz-Date'),
      scope,
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    const expected = hmac(signingKey(secret, date ?? '', region ?? '', service ?? ''), toSign).toString(
      'hex',
    );
    if (!sameHex((get('X-Amz-Signature') ?? '').toLowerCase(), expected)) {
      throw new S3Refusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
  }

  /** Passes a request to fauxqs as it came (or its body as given), and its answer back. */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    extraHeaders: Record<string, string>,
    body?: Buffer,
  ): Promise<{ status: number; etag: string }> {
    return new Promise((resolve, reject) => {
      // `expect: 100-continue` was answered here already; the body follows at once.
      const { expect: _expect, ...passed } = req.headers;
      const headers = { ...passed, host: `127.0.0.1:${store.port}` };
      if (body !== undefined) headers['content-length'] = String(body.length);
      const upstream = httpRequest(
        { host: '127.0.0.1', port: store.port, method: req.method, path, headers },
        (answer) => {
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers))
            if (value !== undefined) out[name] = value;
          res.writeHead(answer.statusCode ?? 502, { ...out, ...extraHeaders });
          answer.pipe(res);
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 502, etag: String(answer.headers.etag ?? '') }),
          );
          answer.on('error', reject);
        },
      );
      upstream.on('error', reject);
      if (body !== undefined) upstream.end(body);
      else req.pipe(upstream);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const method = req.method ?? 'GET';
    const query = new Set(queryPairs(url.search).map(([k]) => k));

    if (method === 'OPTIONS') {
      const wanted = String(req.headers['access-control-request-method'] ?? '');
      const headers = corsHeaders(bucket, req, wanted);
      const rule = settingsOf(bucket).cors.find((r) => r.methods.includes(wanted));
      if (headers['access-control-allow-origin'] === undefined || rule === undefined) {
        throw new S3Refusal(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
      }
      res.writeHead(200, {
        ...headers,
        'access-control-allow-methods': rule.methods.join(', '),
        'access-control-allow-headers': rule.headers.includes('*')
          ? String(req.headers['access-control-request-headers'] ?? '*')
          : rule.headers.join(', '),
        ...(rule.maxAgeSeconds === undefined ? {} : { 'access-control-max-age': String(rule.maxAgeSeconds) }),
      });
      res.end();
      return;
    }

    if (query.has('X-Amz-Signature')) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new S3Refusal(403, 'AccessDenied', 'Only GET and HEAD links are served on this machine.');
      }
      checkPresigned(req, url);
      const overrides: Record<string, string> = {};
      const passed = new URLSearchParams();
      for (const [name, value] of queryPairs(url.search)) {
        const header = name.startsWith('response-') ? name.slice(9) : undefined;
        if (header !== undefined && (RESPONSE_OVERRIDES as readonly string[]).includes(header))
          overrides[header] = value;
        else if (!name.startsWith('X-Amz-') && name !== 'x-id') passed.append(name, value);
      }
      const search = passed.toString();
      await forward(req, res, `${url.pathname}${search === '' ? '' : `?${search}`}`, {
        ...overrides,
        ...corsHeaders(bucket, req, method),
      });
      return;
    }

    if (
      method === 'POST' &&
      rest.join('') === '' &&
      String(req.headers['content-type']).includes('multipart/form-data')
    ) {
      await postObject(bucket, req, res);
      return;
    }

    // Everything else is an SDK call: it must be signed by a key this machine knows; anonymous access is denied.
    const authorization = String(req.headers.authorization ?? '');
    const keyId = /Credential=([^/]+)\//.exec(authorization)?.[1];
    if (keyId === undefined) throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
    if (options.credentials[keyId] === undefined) {
      throw new S3Refusal(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }

    if (method === 'PUT' && rest.join('') === '' && (query.has('notification') || query.has('cors'))) {
      const document = xml.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
      const bucketSettings = settingsOf(bucket);
      if (query.has('notification')) {
        const configurations = document.NotificationConfiguration?.QueueConfiguration ?? [];
        bucketSettings.notifications = configurations.map((c: Record<string, unknown>) => {
          const rules = ((c.Filter as { S3Key?: { FilterRule?: { Name: string; Value: string }[] } })?.S3Key
            ?.FilterRule ?? []) as { Name: string; Value: string }[];
          const rule = (name: string) => rules.find((r) => r.Name.toLowerCase() === name)?.Value ?? '';
          return {
            id: String(c.Id ?? randomUUID()),
            queueArn: String(c.Queue),
            events: (c.Event as string[]) ?? [],
            prefix: rule('prefix'),
            suffix: rule('suffix'),
          };
        });
        // S3 tells each queue it has been configured.
        for (const target of bucketSettings.notifications) {
          await sqs.send(
            new SendMessageCommand({
              QueueUrl: await queueUrlOf(target.queueArn),
              MessageBody: JSON.stringify({
                Service: 'Amazon S3',
                Event: 's3:TestEvent',
                Time: new Date().toISOString(),
                Bucket: bucket,
                RequestId: randomUUID(),
              }),
            }),
          );
        }
      } else {
        const rules = document.CORSConfiguration?.CORSRule ?? [];
        bucketSettings.cors = rules.map((r: Record<string, unknown>) => ({
          origins: (r.AllowedOrigin as string[]) ?? [],
          methods: (r.AllowedMethod as string[]) ?? [],
          headers: (r.AllowedHeader as string[]) ?? [],
          expose: (r.ExposeHeader as string[]) ?? [],
          ...(r.MaxAgeSeconds === undefined ? {} : { maxAgeSeconds: Number(r.MaxAgeSeconds) }),
        }));
      }
      saveSettings();
      res.writeHead(200).end();
      return;
    }

    if (method === 'PUT' && key !== '' && !query.has('uploadId') && !query.has('tagging')) {
      const declared = Number(
        req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'] ?? 0,
      );
      const chunked =
        String(req.headers['content-encoding'] ?? '').includes('aws-chunked') ||
        String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
      if (declared > PART_BYTES && chunked) {
        throw new S3Refusal(
          501,
          'NotImplemented',
          'A streamed (aws-chunked) body over 8 MiB is not supported here.',
        );
      }
      if (declared > PART_BYTES) {
        const body = await readBody(req, MAX_BODY_BYTES);
        const metadata: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
        }
        const header = (name: string) =>
          typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;
        const eTag = await putIntoStore(bucket, key, body, {
          ...(header('content-type') === undefined ? {} : { contentType: header('content-type') as string }),
          ...(header('content-disposition') === undefined
            ? {}
            : { contentDisposition: header('content-disposition') as string }),
          ...(header('cache-control') === undefined
            ? {}
            : { cacheControl: header('cache-control') as string }),
          metadata,
        });
        res.writeHead(200, { etag: eTag }).end();
        await notifyCreated(bucket, key, body.length, eTag, 'Put');
        return;
      }
      const { status, etag } = await forward(req, res, `${url.pathname}${url.search}`, {});
      if (status === 200) await notifyCreated(bucket, key, declared, etag, 'Put');
      return;
    }

    if (method === 'GET' && query.has('tagging') && key !== '') {
      // fauxqs keeps no tags; S3 answers an empty set for an object without any.
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Tagging><TagSet></TagSet></Tagging>');
      return;
    }

    const { status, etag } = await forward(
      req,
      res,
      `${url.pathname}${url.search}`,
      corsHeaders(bucket, req, method),
    );
    if (method === 'POST' && query.has('uploadId') && status === 200) {
      await notifyCreated(bucket, key, 0, etag, 'CompleteMultipartUpload');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const refusal =
        error instanceof S3Refusal ? error : new S3Refusal(500, 'InternalError', (error as Error).message);
      const answer = () => {
        if (res.headersSent) return;
        // S3 answers a refusal with the CORS headers of the rule that matches, so a page can read why.
        const bucket = new URL(req.url ?? '/', 'http://s3.local').pathname.split('/')[1] ?? '';
        res.writeHead(refusal.status, {
          'content-type': 'application/xml',
          connection: 'close',
          ...corsHeaders(bucket, req, req.method ?? 'GET'),
        });
        res.end(errorXml(refusal.code, refusal.message));
      };
      // A client still sending its body would see a broken pipe instead of the answer: the rest is read and dropped.
      if (req.complete || req.destroyed) answer();
      else {
        req.on('end', answer);
        req.on('close', answer);
        req.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      storeClient.destroy();
      sqs.destroy();
      await store.stop();
    },
  };
}
