// Open311 GeoReport v2: the complaint categories as services, a service request as a client posts it, and the
// public view of a case a client may read back. Never the complaint's text, never who filed it.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type Case, type CaseStatus, isOpen } from '../case.ts';
import { type ComplaintDetails, ComplaintDetailsSchema, type Contact, ContactSchema } from '../complaint.ts';
import { CATEGORIES, type Category } from '../triage/model.ts';
import { wellFormedText } from '../unicode.ts';
import { defined } from './call.ts';

interface ServiceText {
  readonly name: string;
  readonly description: string;
  readonly keywords: string;
}

const SERVICES: Readonly<Record<Category, ServiceText>> = {
  solicitation: {
    name: '吃拿卡要 / Demanding money or favours',
    description:
      'Staff ask for or accept money, gifts, meals or favours before doing their job. 索要或收受钱物、宴请、好处后才办事。',
    keywords: 'bribe,gift,fee,好处费,红包,索要',
  },
  misconduct: {
    name: '滥用职权 / Abuse of power',
    description:
      'Irregular fees or fines, improper decisions, abuse of power. 乱收费、乱罚款、违规办理、滥用职权。',
    keywords: 'fine,fee,abuse,乱收费,乱罚款',
  },
  obstruction: {
    name: '推诿拖延 / Deliberate delay or refusal',
    description:
      'Deliberate delay, refusing a service that is owed, sending people from office to office. 故意拖延、推诿扯皮、不予办理。',
    keywords: 'delay,refuse,拖延,推诿',
  },
  attitude: {
    name: '服务态度 / Rude or indifferent service',
    description: 'Rude, contemptuous or indifferent service, absent from post. 态度恶劣、冷漠、脱岗。',
    keywords: 'rude,absent,态度,脱岗',
  },
  other: {
    name: '其他 / Other',
    description:
      'Anything else about a public service window: suggestions, questions, praise. 其他意见建议。',
    keywords: 'other,其他',
  },
};

/** The optional fields of a complaint, offered to clients as the services' attributes. */
export const ATTRIBUTES = [
  {
    code: 'subject_unit',
    field: 'subjectUnit',
    datatype: 'string',
    description: '被反映的单位或窗口 / The office or service window',
  },
  {
    code: 'official_name',
    field: 'officialName',
    datatype: 'string',
    description: '被反映人员姓名 / Name of the official, if known',
  },
  {
    code: 'incident_date',
    field: 'incidentDate',
    datatype: 'datetime',
    description: '发生日期 (YYYY-MM-DD) / When it happened',
  },
  {
    code: 'amount_demanded',
    field: 'amountDemanded',
    datatype: 'string',
    description: '索要的金额或财物 / What was demanded',
  },
] as const;

export function serviceList() {
  return CATEGORIES.map((code) => ({
    service_code: code,
    service_name: SERVICES[code].name,
    description: SERVICES[code].description,
    metadata: true,
    type: 'realtime',
    keywords: SERVICES[code].keywords,
    group: '阳光热线 / Sunshine Hotline',
  }));
}

export const isServiceCode = (value: string): value is Category =>
  (CATEGORIES as readonly string[]).includes(value);

export function serviceDefinition(code: Category) {
  return {
    service_code: code,
    attributes: ATTRIBUTES.map((attribute, i) => ({
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: false,
      datatype_description: attribute.datatype === 'datetime' ? 'YYYY-MM-DD' : null,
      order: i + 1,
      description: attribute.description,
    })),
  };
}

/** `services/solicitation.json` → `solicitation`; the JSON format only (this endpoint speaks no XML). */
export const JsonFileSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.string().check(z.regex(/^[a-z0-9_-]{1,64}\.json$/i, 'ask for the JSON format: <id>.json')),
    z.transform((file: string) => file.slice(0, -'.json'.length)),
  ))();

const text = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : wellFormedText(v)) : v)),
    z.optional(z.string().check(z.trim(), z.maxLength(max))),
  );

const coordinate = (limit: number) =>
  z.optional(
    z.string().check(
      z.regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'must be a decimal number'),
      z.refine((v) => Math.abs(Number(v)) <= limit, `must be between -${limit} and ${limit}`),
    ),
  );

/**
 * `POST requests.json` as the spec's form. `api_key` is checked before this is parsed; the fields clients send
 * that the hotline does not keep (`device_id`, `account_id`, `media_url`) are accepted and dropped.
 */
export const ServiceRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      api_key: z.optional(z.string()),
      jurisdiction_id: text(64),
      service_code: z.enum(CATEGORIES, { error: 'must be one of the service codes of services.json' }),
      description: z.optional(z.unknown()),
      lat: coordinate(90),
      long: coordinate(180),
      address_string: text(200),
      email: text(254),
      phone: text(32),
      first_name: text(50),
      last_name: text(50),
      device_id: text(128),
      account_id: text(128),
      media_url: text(2048),
      'attribute[subject_unit]': z.optional(z.unknown()),
      'attribute[official_name]': z.optional(z.unknown()),
      'attribute[incident_date]': z.optional(z.unknown()),
      'attribute[amount_demanded]': z.optional(z.unknown()),
    })
    .check(
      z.superRefine((request, ctx) => {
        const hasPoint = request.lat !== undefined && request.long !== undefined;
        if ((request.lat === undefined) !== (request.long === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['long'], message: 'give lat and long together' });
        } else if (!hasPoint && request.address_string === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['address_string'],
            message: 'give a location: lat and long, or address_string',
          });
        }
      }),
    ))();
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;

export interface Open311Complaint {
  readonly complaint: ComplaintDetails;
  readonly contact: Contact | undefined;
}

/** The complaint and, kept apart to be sealed, who filed it (when they said). */
export function open311Complaint(request: ServiceRequest): Open311Complaint {
  const complaint = ComplaintDetailsSchema.parse(
    defined({
      description: request.description,
      location: request.address_string ?? `${request.lat},${request.long}`,
      subjectUnit: request['attribute[subject_unit]'],
      officialName: request['attribute[official_name]'],
      incidentDate: request['attribute[incident_date]'],
      amountDemanded: request['attribute[amount_demanded]'],
    }),
  );
  const name = [request.first_name, request.last_name].filter((p) => p !== undefined).join(' ');
  const given = defined({ name: name === '' ? undefined : name, phone: request.phone, email: request.email });
  const contact = Object.keys(given).length === 0 ? undefined : ContactSchema.parse(given);
  return { complaint, contact };
}

/** A reference as an Open311 id: only this channel's references (HLO-…) are Open311 requests. */
export const OPEN311_REFERENCE = /^HLO-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

const w3Time = /* @__PURE__ */ (() =>
  z.iso.datetime({
    offset: true,
    error: 'must be a W3C date-time such as 2026-11-28T09:00:00+08:00',
  }))();
const commaList = <T extends z.ZodMiniType<unknown, string>>(item: T, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(2000)),
      z.transform((v: string) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    ),
    z.array(item).check(z.minLength(1), z.maxLength(max)),
  );

/** `GET requests.json`: the spec's filters. */
export const RequestQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    service_request_id: z.optional(
      commaList(z.string().check(z.regex(OPEN311_REFERENCE, 'must be a service_request_id')), 50),
    ),
    service_code: z.optional(commaList(z.enum(CATEGORIES), CATEGORIES.length)),
    start_date: z.optional(w3Time),
    end_date: z.optional(w3Time),
    status: z.optional(commaList(z.enum(['open', 'closed']), 2)),
    jurisdiction_id: z.optional(z.string().check(z.maxLength(64))),
    api_key: z.optional(z.string().check(z.maxLength(256))),
  }))();
export type RequestQuery = z.infer<typeof RequestQuerySchema>;

/** The spec's default window when a client gives no dates. */
export const DEFAULT_LIST_DAYS = 90;
/** The spec's maximum number of requests in one answer. */
export const MAX_LISTED = 1000;

export const open311Status = (status: CaseStatus): 'open' | 'closed' => (isOpen(status) ? 'open' : 'closed');

/** The words a client shows for where a case stands: the same milestones a reporter sees on the status page. */
const STATUS_NOTES: Record<CaseStatus, string> = {
  received: 'received',
  triaged: 'assigned',
  acknowledged: 'assigned',
  verifying: 'under-verification',
  substantiated: 'verified',
  unfounded: 'closed-unfounded',
  closed: 'closed',
  merged: 'closed',
};

/** What a listing reads of a case: the index's public fields, never the complaint or the reporter. */
export type ListedCase = Pick<
  Case,
  'reference' | 'status' | 'receivedAt' | 'updatedAt' | 'verificationDueAt'
> &
  Partial<Pick<Case, 'category' | 'bodyId'>>;

export function publicRequest(record: ListedCase, agencyName: (bodyId: string) => string | undefined) {
  return defined({
    service_request_id: record.reference,
    status: open311Status(record.status),
    status_notes: STATUS_NOTES[record.status],
    service_code: record.category,
    service_name: record.category === undefined ? undefined : SERVICES[record.category].name,
    agency_responsible: record.bodyId === undefined ? undefined : agencyName(record.bodyId),
    requested_datetime: record.receivedAt,
    updated_datetime: record.updatedAt,
    expected_datetime: record.verificationDueAt,
  });
}

export const SERVICE_NOTICE =
  '已受理，3 日内核实 / Received; the office verifies every complaint within three days.';

/** The spec's error list, from the API's one error shape. */
export function open311Errors(status: number, error: { message?: string; fields?: Record<string, string> }) {
  const fields = Object.entries(error.fields ?? {});
  if (fields.length === 0) return [{ code: status, description: error.message ?? 'error' }];
  return fields.map(([field, problem]) => ({ code: status, description: `${field}: ${problem}` }));
}
