// Amazon Connect: the contact-flow event a flow invokes the intake with, what the flow collected
// (`Details.Parameters`, flat strings) and the complaint it becomes.
import * as z from 'zod';
import { type ComplaintDetails, ComplaintDetailsSchema, LANGUAGES } from '../complaint.ts';
import type { CallDetails } from '../intake-message.ts';
import { wellFormedText } from '../unicode.ts';
import { defined, isCallerNumberField } from './call.ts';

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : wellFormedText(v)) : v),
    z.string().trim().max(max).optional(),
  );

/** Flows set parameters as text: `"true"` and `"false"`. */
const flag = z
  .enum(['true', 'false', ''])
  .optional()
  .transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined));

/** What a contact flow may pass; an unknown name is a flow mistake, refused so it is found at once. */
export const ConnectParametersSchema = z
  .strictObject({
    description: text(4000),
    transcript: text(4000),
    language: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LANGUAGES).default('zh-CN')),
    line: text(64),
    subjectUnit: text(200),
    officialName: text(100),
    amountDemanded: text(50),
    anonymous: flag,
    callbackRequested: flag,
  })
  .superRefine((p, ctx) => {
    if (p.description === undefined && p.transcript === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'give the description or the transcript',
      });
    }
  });
export type ConnectParameters = z.infer<typeof ConnectParametersSchema>;

const endpoint = z
  .looseObject({ Address: z.string().max(64).optional(), Type: z.string().max(32).optional() })
  .nullish();

/** `ConnectContactFlowEvent`: only what the intake reads is checked; Connect adds fields over time. */
export const ConnectContactFlowEventSchema = z.looseObject({
  Name: z.literal('ContactFlowEvent'),
  Details: z.looseObject({
    ContactData: z.looseObject({
      ContactId: z.string().regex(/^[A-Za-z0-9-]{1,128}$/, 'must be a contact id'),
      Channel: z.string().max(32).optional(),
      InitiationTimestamp: z.string().max(64).optional(),
      CustomerEndpoint: endpoint,
      SystemEndpoint: endpoint,
    }),
    Parameters: z.record(z.string().max(64), z.string().max(8000)).default({}),
  }),
});
export type ConnectContactFlowEvent = z.infer<typeof ConnectContactFlowEventSchema>;

export interface ConnectCall {
  readonly contactId: string;
  readonly parameters: ConnectParameters;
  /** The caller's number as Connect reports it (a phone endpoint only). */
  readonly callerNumber: string | undefined;
  readonly dialled: string | undefined;
  readonly startedAt: string | undefined;
}

export function connectCallOf(event: unknown): ConnectCall {
  const parsed = ConnectContactFlowEventSchema.parse(event);
  const { ContactData, Parameters } = parsed.Details;
  const parameters = ConnectParametersSchema.parse(Parameters);
  const customer = ContactData.CustomerEndpoint;
  const number =
    customer?.Type === 'TELEPHONE_NUMBER' &&
    customer.Address !== undefined &&
    isCallerNumberField(customer.Address)
      ? customer.Address
      : undefined;
  const started = z.iso.datetime({ offset: true }).safeParse(ContactData.InitiationTimestamp);
  return {
    contactId: ContactData.ContactId,
    parameters,
    callerNumber: number,
    dialled: ContactData.SystemEndpoint?.Address,
    startedAt: started.success ? started.data : undefined,
  };
}

export function connectComplaint(call: ConnectCall): ComplaintDetails {
  const p = call.parameters;
  return ComplaintDetailsSchema.parse(
    defined({
      description: p.description ?? p.transcript,
      subjectUnit: p.subjectUnit,
      officialName: p.officialName,
      amountDemanded: p.amountDemanded,
    }),
  );
}

export function connectCallDetails(call: ConnectCall): CallDetails {
  const p = call.parameters;
  return defined({
    platform: 'connect' as const,
    callId: call.contactId,
    // The flow names the line; otherwise the number dialled says which one it was.
    line: p.line ?? (call.dialled === undefined ? undefined : call.dialled.slice(0, 64)),
    startedAt: call.startedAt,
    transcript: p.description === undefined ? undefined : p.transcript,
    callbackRequested: p.callbackRequested,
  });
}
