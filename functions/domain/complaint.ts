// What a citizen may tell us through the web form, parsed once at the edge.
import * as z from 'zod/mini';
import './zod-locale.ts';
import { e164, PHONE_NUMBER_ERROR } from './phone.ts';
import { wellFormedText } from './unicode.ts';
import { dictionary, isPrototypeKey, PrototypeKeyError } from './untrusted.ts';

/** How a complaint reached the office: the web form, a hotline call, an Open311 client, an investigator's own inspection. */
export const CHANNELS = ['web', 'hotline', 'open311', 'inspection'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text as it is kept (see unicode.ts): lone surrogates and noncharacters become U+FFFD, the rest is kept. */
const keptText = (value: unknown) => (typeof value === 'string' ? wellFormedText(value) : value);

/** Web forms send empty strings for untouched fields; treat them as absent. */
const optionalText = /* @__NO_SIDE_EFFECTS__ */ (max: number) =>
  z.pipe(
    z.transform((value) => (typeof value === 'string' && value.trim() === '' ? undefined : keptText(value))),
    z.optional(z.string().check(z.trim(), z.maxLength(max))),
  );

const booleanLike = /* @__PURE__ */ (() =>
  z.pipe(
    z.transform((value) => {
      if (typeof value !== 'string') return value;
      const v = value.trim().toLowerCase();
      if (['true', 'on', 'yes', '1'].includes(v)) return true;
      if (['false', 'off', 'no', '0', ''].includes(v)) return false;
      return value;
    }),
    z.boolean(),
  ))();

export const ContactSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: optionalText(100),
      // Kept in E.164 form (`+8613800138000`), however it was typed: what SMS needs and what a person can dial.
      phone: z.pipe(
        optionalText(32),
        z.optional(
          z.pipe(
            z.string(),
            z.transform((typed, ctx) => {
              const number = e164(typed);
              if (number !== undefined) return number;
              ctx.issues.push({ code: 'custom', message: PHONE_NUMBER_ERROR, input: typed });
              return z.NEVER;
            }),
          ),
        ),
      ),
      email: z.pipe(
        optionalText(254),
        z.optional(z.email('请填写有效的电子邮箱 / must be an email address')),
      ),
    })
    .check(
      z.refine((c) => c.phone !== undefined || c.email !== undefined, {
        message: '请留下电话或电子邮箱 / give a phone number or an email address',
        path: ['phone'],
      }),
    ))();
export type Contact = z.infer<typeof ContactSchema>;

/**
 * A contact as it was sealed — checked by ContactSchema then, or a caller's number as the platform gave it — read
 * back as it was kept: a rule tightened since (phone numbers by libphonenumber-js) never makes a case unreadable.
 */
export const SealedContactSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.optional(z.string()),
    phone: z.optional(z.string()),
    email: z.optional(z.string()),
  }))();

/** The complaint itself, without who sent it: this is what investigators read. */
export const ComplaintDetailsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    description: z.pipe(
      z.transform(keptText),
      z
        .string({ error: '请描述发生了什么 / describe what happened' })
        .check(
          z.trim(),
          z.minLength(10, '请至少用 10 个字描述经过 / describe what happened in at least 10 characters'),
          z.maxLength(4000, '描述请不超过 4000 字 / keep the description under 4000 characters'),
        ),
    ),
    subjectUnit: optionalText(200),
    officialName: optionalText(100),
    incidentDate: z.pipe(
      optionalText(10),
      z.optional(z.iso.date('日期格式应为 2026-11-28 / must be a date like 2026-11-28')),
    ),
    location: optionalText(200),
    amountDemanded: optionalText(50),
  }))();
export type ComplaintDetails = z.infer<typeof ComplaintDetailsSchema>;

export const WebComplaintSchema = /* @__PURE__ */ (() =>
  z
    .extend(ComplaintDetailsSchema, {
      language: z.pipe(
        z.transform((v) => (v === '' ? undefined : v)),
        z._default(z.enum(LANGUAGES), 'zh-CN'),
      ),
      anonymous: z.pipe(
        z.transform((v): unknown => (v === undefined ? true : v)),
        booleanLike,
      ),
      contact: z.optional(ContactSchema),
    })
    .check(
      z.superRefine((complaint, ctx) => {
        if (complaint.anonymous && complaint.contact !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['contact'],
            message:
              '匿名举报不留联系方式 / an anonymous complaint carries no contact details; set anonymous to false to give them',
          });
        }
        if (!complaint.anonymous && complaint.contact === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['contact'],
            message:
              '请留下电话或电子邮箱，或选择匿名 / give a phone number or an email address, or submit anonymously',
          });
        }
      }),
    ))();
export type WebComplaint = z.infer<typeof WebComplaintSchema>;

/**
 * Form posts flatten `contact.phone` into one key; fold such keys back into objects. The result and its nested
 * objects have no prototype, and a key naming a prototype (`__proto__.x`, `constructor.prototype.x`) is refused.
 */
export function unflattenFormFields(fields: Record<string, unknown>): Record<string, unknown> {
  const result = dictionary<unknown>();
  for (const key of Object.keys(fields)) {
    if (isPrototypeKey(key)) throw new PrototypeKeyError(key);
    const value = fields[key];
    const dot = key.indexOf('.');
    if (dot === -1) {
      result[key] = value;
      continue;
    }
    // An untouched optional field must not conjure up a contact object for an anonymous report.
    if (typeof value === 'string' && value.trim() === '') continue;
    const outer = key.slice(0, dot);
    const existing = Object.hasOwn(result, outer) ? result[outer] : undefined;
    const nested =
      typeof existing === 'object' && existing !== null
        ? (existing as Record<string, unknown>)
        : dictionary<unknown>();
    nested[key.slice(dot + 1)] = value;
    result[outer] = nested;
  }
  return result;
}
