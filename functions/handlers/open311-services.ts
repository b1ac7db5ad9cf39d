// GET /open311/v2/services.json and /open311/v2/services/{service_code}.json: the complaint categories as Open311
// services, and each one's definition (the complaint's optional fields as attributes).
import { isServiceCode, JsonFileSchema, serviceDefinition, serviceList } from '#domain/channels/open311.ts';
import { HttpError, json } from '../http/responses.ts';
import { open311Api } from './open311-api.ts';

// The list changes only with a deployment: clients may keep it for an hour.
const CACHE = { 'cache-control': 'public, max-age=3600' };

export const handler = open311Api(async (event) => {
  const file = event.pathParameters?.file;
  if (file === undefined) return json(200, serviceList(), CACHE);
  const code = JsonFileSchema.parse(file);
  if (!isServiceCode(code))
    throw new HttpError(404, 'not-found', `No service has the code ${code.slice(0, 64)}.`);
  return json(200, serviceDefinition(code), CACHE);
});
