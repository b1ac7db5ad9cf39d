// Twilio Programmable Voice: the X-Twilio-Signature check (a few lines instead of Twilio's helper library, which is
// too heavy for a Lambda bundle; tested against signatures the `twilio` package computes), the callback's fields,
// the reference of a call, and the TwiML the caller hears.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import '../zod-locale.ts';
import type { ComplaintDetails, Language } from '../complaint.ts';
import { ComplaintDetailsSchema } from '../complaint.ts';
import type { CallDetails } from '../intake-message.ts';
import { caseReference, type ReferenceKeys } from '../reference.ts';
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

/** How many times a caller is asked to hold while another delivery of their call is being queued. */
export const MAX_HOLDS = 3;

/**
 * Where the caller is in the call, carried in the speech route's query string (Twilio signs it with the rest of the
 * URL): `language=en` once they pressed 2, `callback=1` once they pressed 1 to be called back, `hold=n` when Twilio
 * comes back after the n-th "please hold".
 */
export const SpeechQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    language: z.optional(z.enum(['en'])),
    callback: z.optional(z.enum(['1'])),
    hold: z.optional(z.enum(['1', '2', '3'])), // 1 to MAX_HOLDS
  }))();

/** The state of a call between two of its requests. */
export interface CallStep {
  readonly language: Language;
  /** The caller pressed 1: call them back on the number they are calling from. */
  readonly callback: boolean;
}

/** The speech route's URL for the next request of a call in this state. */
export function speechUrl(base: string, step: CallStep, hold?: number): string {
  const query = new URLSearchParams();
  if (step.language === 'en') query.set('language', 'en');
  if (step.callback) query.set('callback', '1');
  if (hold !== undefined) query.set('hold', String(hold));
  const search = query.toString();
  return search === '' ? base : `${base}?${search}`;
}

/**
 * The reference of a call: one CallSid is one complaint, whatever speech recognition made of it. Twilio signs every
 * request, so only Twilio can send a CallSid again — a second Gather, a retry, a redirect back after "please hold" —
 * and each of them is the same caller on the same call. No content is mixed in, unlike a web form's reference.
 */
export const twilioReference = (callSid: string, keys: ReferenceKeys): string =>
  caseReference('hotline', `twilio:${callSid}`, keys);

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

/** Listening for speech, and for one key when the prompt offers keys. */
function gather(action: string, language: Language, prompt: string, keys: boolean): string {
  const input = keys ? 'speech dtmf' : 'speech';
  const digits = keys ? ' numDigits="1"' : '';
  return (
    `<Gather input="${input}"${digits} action="${escapeXml(action)}" method="POST" language="${SPEECH_LANGUAGE[language]}"` +
    ` speechModel="${SPEECH_MODEL}" speechTimeout="auto" timeout="8" actionOnEmptyResult="true">${prompt}</Gather>`
  );
}

const CALLBACK_OFFER = {
  'zh-CN': '如需我们按本来电号码回电，请先按1；您的号码只为回电而保存。否则您的号码不会被记录。',
  en: 'To be called back on this number, press 1 first: we keep your number only for that. Otherwise it is not recorded.',
} as const satisfies Record<Language, string>;
const DESCRIBE = {
  'zh-CN': '请在提示音后说出您要反映的问题，包括单位、人员和经过。',
  en: 'Please describe what happened: the office, the person, and what they did or asked for.',
} as const satisfies Record<Language, string>;
const VOICE = { 'zh-CN': 'zh-CN', en: 'en-US' } as const satisfies Record<Language, 'zh-CN' | 'en-US'>;
const sayIn = (language: Language, words: string) => say(VOICE[language], words);

/**
 * The greeting: in Mandarin, the key for a call back when the caller's number is one we could call, then in English
 * with the key to press, then listening in Mandarin.
 */
export function greetingTwiml(action: string, offerCallback: boolean): string {
  return twiml(
    gather(
      action,
      'zh-CN',
      say('zh-CN', `您好，这里是阳光热线。${DESCRIBE['zh-CN']}`) +
        (offerCallback ? say('zh-CN', CALLBACK_OFFER['zh-CN']) : '') +
        say('en-US', 'Sunshine Hotline. For English, press 2.'),
      true,
    ),
  );
}

/** Listening again, in English, after the caller pressed 2. */
export function englishTwiml(action: string, offerCallback: boolean): string {
  return twiml(
    gather(
      action,
      'en',
      say('en-US', DESCRIBE.en) + (offerCallback ? say('en-US', CALLBACK_OFFER.en) : ''),
      offerCallback,
    ),
  );
}

/** The caller pressed 1: what they say next is recorded with a request to call them back. */
export function callbackChosenTwiml(language: Language, action: string): string {
  const confirm =
    language === 'en'
      ? 'We will call you back on the number you are calling from.'
      : '好的，我们会按您的来电号码回电。';
  return twiml(
    gather(action, language, sayIn(language, confirm) + sayIn(language, DESCRIBE[language]), false),
  );
}

/**
 * Another delivery of this call is being queued right now: the caller holds, and Twilio comes back to `redirect`.
 * No reference is read out until it is known to be on the queue.
 */
export function holdTwiml(language: Language, redirect: string): string {
  const words = language === 'en' ? 'One moment, please.' : '正在记录，请稍候。';
  return twiml(
    `${sayIn(language, words)}<Pause length="2"/><Redirect method="POST">${escapeXml(redirect)}</Redirect>`,
  );
}

/** What the caller said could not be recorded (the other delivery gave up): they are asked to say it again. */
export function repeatTwiml(language: Language, action: string): string {
  const sorry =
    language === 'en'
      ? 'Sorry, your complaint was not recorded. Please say it again.'
      : '对不起，刚才的内容没有记录成功，请再说一遍。';
  return twiml(gather(action, language, sayIn(language, sorry) + sayIn(language, DESCRIBE[language]), false));
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

/** The reference and the receipt code, read out character by character, twice; and the call back, if asked for. */
export function receiptTwiml(
  language: Language,
  reference: string,
  receiptCode: string,
  callback: boolean,
): string {
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
  const callingBack = callback
    ? sayIn(
        language,
        language === 'en' ? 'We will call you back on this number.' : '我们会按您的来电号码回电。',
      )
    : '';
  const close = language === 'en' ? say('en-US', 'Goodbye.') : say('zh-CN', '再见。');
  return twiml(`${intro}${once}<Pause length="1"/>${repeat}${once}${callingBack}${close}<Hangup/>`);
}
