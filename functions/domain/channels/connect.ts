// Amazon Connect: the contact-flow event a flow invokes the intake with, what the flow collected
// (`Details.Parameters`, flat strings; the contact attribute `callbackRequested`) and the complaint it becomes.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type ComplaintDetails, ComplaintDetailsSchema, LANGUAGES } from '../complaint.ts';
import type { CallDetails } from '../intake-message.ts';
import { wellFormedText } from '../unicode.ts';
import { defined, isCallerNumberField } from './call.ts';

const text = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : wellFormedText(v)) : v)),
    z.optional(z.string().check(z.trim(), z.maxLength(max))),
  );

/** Flows set parameters as text: `"true"` and `"false"`. */
const flag = /* @__PURE__ */ (() =>
  z.pipe(
    z.optional(z.enum(['true', 'false', ''])),
    z.transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined)),
  ))();

/** What a contact flow may pass; an unknown name is a flow mistake, refused so it is found at once. */
export const ConnectParametersSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      description: text(4000),
      transcript: text(4000),
      language: z.pipe(
        z.transform((v) => (v === '' ? undefined : v)),
        z._default(z.enum(LANGUAGES), 'zh-CN'),
      ),
      line: text(64),
      subjectUnit: text(200),
      officialName: text(100),
      amountDemanded: text(50),
      anonymous: flag,
      callbackRequested: flag,
    })
    .check(
      z.superRefine((p, ctx) => {
        if (p.description === undefined && p.transcript === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['description'],
            message: 'give the description or the transcript',
          });
        }
      }),
    ))();
export type ConnectParameters = z.infer<typeof ConnectParametersSchema>;

const endpoint = /* @__PURE__ */ (() =>
  z.nullish(
    z.looseObject({
      Address: z.optional(z.string().check(z.maxLength(64))),
      Type: z.optional(z.string().check(z.maxLength(32))),
    }),
  ))();

/**
 * The contact's attributes (set by the flow, e.g. from a "press 1 to be called back" input). Only
 * `callbackRequested` is read; the flow's other attributes are its own business.
 */
const attributes = /* @__PURE__ */ (() => z.nullish(z.looseObject({ callbackRequested: flag })))();

/** `ConnectContactFlowEvent`: only what the intake reads is checked; Connect adds fields over time. */
export const ConnectContactFlowEventSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    Name: z.literal('ContactFlowEvent'),
    Details: z.looseObject({
      ContactData: z.looseObject({
        ContactId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,128}$/, 'must be a contact id')),
        Channel: z.optional(z.string().check(z.maxLength(32))),
        InitiationTimestamp: z.optional(z.string().check(z.maxLength(64))),
        CustomerEndpoint: endpoint,
        SystemEndpoint: endpoint,
        Attributes: attributes,
      }),
      Parameters: z._default(
        z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(8000))),
        {},
      ),
    }),
  }))();
export type ConnectContactFlowEvent = z.infer<typeof ConnectContactFlowEventSchema>;

/**
 * Whether the caller asked to be called back: the parameter `callbackRequested`, or else the contact attribute of the
 * same name. Refused when the two disagree, or with `anonymous: "true"` (a call back keeps the caller's number).
 */
const CallbackChoiceSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z
      .object({
        parameter: z.optional(z.boolean()),
        attribute: z.optional(z.boolean()),
        anonymous: z.optional(z.boolean()),
      })
      .check(
        z.superRefine((choice, ctx) => {
          if (
            choice.parameter !== undefined &&
            choice.attribute !== undefined &&
            choice.parameter !== choice.attribute
          ) {
            ctx.addIssue({
              code: 'custom',
              path: ['callbackRequested'],
              message: 'the parameter and the contact attribute callbackRequested disagree',
            });
          }
          if ((choice.parameter ?? choice.attribute) === true && choice.anonymous === true) {
            ctx.addIssue({
              code: 'custom',
              path: ['anonymous'],
              message: 'a call back keeps the caller’s number: leave anonymous out, or set it to "false"',
            });
          }
        }),
      ),
    z.transform((choice) => choice.parameter ?? choice.attribute ?? false),
  ))();

export interface ConnectCall {
  readonly contactId: string;
  readonly parameters: ConnectParameters;
  /** The caller asked to be called back (parameter or contact attribute `callbackRequested`). */
  readonly callbackRequested: boolean;
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
  const callbackRequested = CallbackChoiceSchema.parse({
    parameter: parameters.callbackRequested,
    attribute: ContactData.Attributes?.callbackRequested,
    anonymous: parameters.anonymous,
  });
  return {
    contactId: ContactData.ContactId,
    parameters,
    callbackRequested,
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
  });
}
