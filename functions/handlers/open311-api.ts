// The Open311 routes' shared wrapper: the API's middleware (size limit, parsing, prototype keys, errors), with
// every refusal answered in the spec's own shape, `[{code, description}]`. Not a function entry of its own.
import type { Context } from 'aws-lambda';
import { open311Errors } from '#domain/channels/open311.ts';
import { type HttpApiOptions, httpApi, type ParsedEvent } from '../http/api.ts';
import { type HttpResult, json } from '../http/responses.ts';

export function open311Api(
  handler: (event: ParsedEvent, context: Context) => Promise<HttpResult>,
  options: HttpApiOptions = {},
) {
  const inner = httpApi(handler, options);
  return async (event: ParsedEvent, context: Context): Promise<HttpResult> => {
    const response = await inner(event, context);
    if (response.statusCode < 400) return response;
    let error: { message?: string; fields?: Record<string, string> } = {};
    try {
      error = (JSON.parse(String(response.body)) as { error?: typeof error }).error ?? {};
    } catch {
      // Not the API's error shape; the status alone is answered.
    }
    return json(response.statusCode, open311Errors(response.statusCode, error), {
      ...(response.headers as Record<string, string> | undefined),
      'content-type': 'application/json; charset=utf-8',
    });
  };
}
