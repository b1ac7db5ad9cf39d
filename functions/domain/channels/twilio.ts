// Twilio Programmable Voice: the X-Twilio-Signature check (a few lines instead of Twilio's helper library, which is
// too heavy for a Lambda bundle; tested against signatures the `twilio` package computes), the callback's fields,
// and the TwiML the caller hears.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import '../zod-locale.ts';
import type { ComplaintDetails, Language } from '../complaint.ts';
import { ComplaintDetailsSchema } from '../complaint.ts';
import type { CallDetails } from '../intake-message.ts';
import { wellFormedText } from '../unicode.ts';
import { defined } from './call.ts';

/** Form parameters as posted: a name may repeat. */
export type FormParameters = ReadonlyMap<string, readonly string[]>;

export function formParameters(body: string): FormParameters {
  const parameters = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = parameters.get(name);
    if (values === undefined) parameters.set(name, [value]);
    else values.push(value);
  }
  return parameters;
}

/**
 * Twilio's signature: base64 HMAC-SHA1, keyed by the auth token, over the URL it requested followed by every POST
 * parameter sorted by name, each as name + value (a repeated name: its distinct values sorted).
 */
export function twilioSignature(authToken: string, url: string, parameters: FormParameters): string {
  let signed = url;
  for (const name of [...parameters.keys()].sort()) {
    for (const value of [...new Set(parameters.get(name))].sort()) signed += name + value;
  }
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** The URL with and without the scheme's default port: Twilio may have signed either form of it. */
function urlForms(url: string): string[] {
  const parsed = /^(https?):\/\/([^/:?#]+)(:\d+)?(.*)$/i.exec(url);
  if (parsed === null) return [url];
  const [, scheme = '', host = '', port, rest = ''] = parsed;
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  if (port !== undefined && port !== defaultPort) return [url];
  return [`${scheme}://${host}${rest}`, `${scheme}://${host}${defaultPort}${rest}`];
}

/** True when the header matches a signature under one of the configured tokens (two while one is rotated). */
export function twilioSignatureMatches(
  authTokens: readonly string[],
  header: string | undefined,
  url: string,
  parameters: FormParameters,
): boolean {
  if (header === undefined || header.length === 0 || header.length > 128) return false;
  const offered = Buffer.from(header);
  let matched = false;
  for (const token of authTokens) {
    for (const form of urlForms(url)) {
      const expected = Buffer.from(twilioSignature(token, form, parameters));
      // Every candidate is compared, so the time taken says nothing about which one matched.
      if (expected.length === offered.length && timingSafeEqual(expected, offered)) matched = true;
    }
  }
  return matched;
}

const sid = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix} id`));
const field = (max: number) => z.optional(z.string().check(z.maxLength(max)));

/**
 * The parameters of Twilio's voice and Gather callbacks that this hotline reads. Twilio adds parameters over
 * time (caller location, SIP headers), so others are allowed through and ignored; a repeated name is refused.
 */
export const TwilioCallbackSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    CallSid: sid('CA'),
    AccountSid: sid('AC'),
    From: field(64),
    To: field(64),
    CallStatus: field(32),
    SpeechResult: field(8000),
    Confidence: z.optional(
      z.string().check(z.regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number from 0 to 1')),
    ),
    Digits: z.optional(z.string().check(z.regex(/^[0-9*#w]{0,32}$/, 'must be keypad digits'))),
  }))();
export type TwilioCallback = z.infer<typeof TwilioCallbackSchema>;

/** The Gather's action says which language it listened in: `?language=en` once the caller pressed 2. */
export const SpeechQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({ language: z.optional(z.enum(['en'])) }))();

/** Spoken complaints shorter than this are a cough or a hello, not a complaint. */
const MIN_SPOKEN_CHARACTERS = 10;

/** What the caller said as a complaint, or undefined when they said nothing usable. */
export function spokenComplaint(callback: TwilioCallback): ComplaintDetails | undefined {
  const speech = wellFormedText(callback.SpeechResult ?? '').trim();
  if ([...speech].length < MIN_SPOKEN_CHARACTERS) return undefined;
  return ComplaintDetailsSchema.parse({ description: [...speech].slice(0, 4000).join('') });
}

export function twilioCallDetails(callback: TwilioCallback, line: string | undefined): CallDetails {
  return defined({
    platform: 'twilio' as const,
    callId: callback.CallSid,
    line,
    speechConfidence: callback.Confidence === undefined ? undefined : Number(callback.Confidence),
  });
}

// TwiML. Everything said is our own text; it is escaped all the same, as is the action URL.
const escapeXml = (value: string) =>
  value.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

const twiml = (verbs: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs}</Response>`;
const say = (language: 'zh-CN' | 'en-US', words: string) =>
  `<Say language="${language}">${escapeXml(words)}</Say>`;

/**
 * Speech recognition languages. `cmn-Hans-CN` is Mandarin (Simplified, China) as Google's speech models name it;
 * Twilio's generic `zh-CN` is not accepted by the Google v2 models.
 */
export const SPEECH_LANGUAGE = { 'zh-CN': 'cmn-Hans-CN', en: 'en-US' } as const satisfies Record<
  Language,
  string
>;
export const SPEECH_MODEL = 'googlev2_telephony';

function gather(action: string, language: Language, prompt: string): string {
  const input = language === 'zh-CN' ? 'speech dtmf' : 'speech';
  const digits = language === 'zh-CN' ? ' numDigits="1"' : '';
  return (
    `<Gather input="${input}"${digits} action="${escapeXml(action)}" method="POST" language="${SPEECH_LANGUAGE[language]}"` +
    ` speechModel="${SPEECH_MODEL}" speechTimeout="auto" timeout="8" actionOnEmptyResult="true">${prompt}</Gather>`
  );
}

/** The greeting: in Mandarin, then in English with the key to press, then listening in Mandarin. */
export function greetingTwiml(speechUrl: string): string {
  return twiml(
    gather(
      speechUrl,
      'zh-CN',
      say('zh-CN', '您好，这里是阳光热线。请在提示音后说出您要反映的问题，包括单位、人员和经过。') +
        say('en-US', 'Sunshine Hotline. For English, press 2.'),
    ),
  );
}

/** Listening again, in English, after the caller pressed 2. */
export function englishTwiml(speechUrl: string): string {
  return twiml(
    gather(
      speechUrl,
      'en',
      say('en-US', 'Please describe what happened: the office, the person, and what they did or asked for.'),
    ),
  );
}

/** A call with nothing to record ends politely; nothing was queued. */
export function noComplaintTwiml(language: Language): string {
  return twiml(
    `${
      language === 'en'
        ? say('en-US', 'We did not hear a complaint. Please call again, or use the web form. Goodbye.')
        : say('zh-CN', '没有听到您的反映内容。欢迎再次来电，或通过网站提交。再见。')
    }<Hangup/>`,
  );
}

/** Characters one at a time, with pauses: a reference and a code are written down while they are heard. */
const slowly = (value: string) => [...value.replace(/[\s-]/g, '')].join(', ');

/** The reference and the receipt code, read out character by character, twice. */
export function receiptTwiml(language: Language, reference: string, receiptCode: string): string {
  const once =
    language === 'en'
      ? say('en-US', `Your reference is: ${slowly(reference)}.`) +
        '<Pause length="1"/>' +
        say('en-US', `Your receipt code is: ${slowly(receiptCode)}.`)
      : say('zh-CN', `您的受理编号是：${slowly(reference)}。`) +
        '<Pause length="1"/>' +
        say('zh-CN', `您的查询码是：${slowly(receiptCode)}。`);
  const intro =
    language === 'en'
      ? say('en-US', 'Thank you. Your complaint has been recorded. Please write down what follows.')
      : say('zh-CN', '谢谢，您的反映已经记录。请记下以下信息。');
  const repeat = language === 'en' ? say('en-US', 'Once more.') : say('zh-CN', '再读一遍。');
  const close = language === 'en' ? say('en-US', 'Goodbye.') : say('zh-CN', '再见。');
  return twiml(`${intro}${once}<Pause length="1"/>${repeat}${once}${close}<Hangup/>`);
}
