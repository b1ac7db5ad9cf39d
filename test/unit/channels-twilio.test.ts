// The X-Twilio-Signature check against signatures the official `twilio` package computes, the reference of a call,
// and the TwiML a caller hears.
import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  callbackChosenTwiml,
  englishTwiml,
  formParameters,
  greetingTwiml,
  holdTwiml,
  noComplaintTwiml,
  receiptTwiml,
  repeatTwiml,
  SpeechQuerySchema,
  speechUrl,
  twilioReference,
  twilioSignature,
  twilioSignatureMatches,
} from '#domain/channels/twilio.ts';
import { deriveReferenceKeys } from '#domain/reference.ts';

const TOKEN = '12345678901234567890123456789012';
const URL = 'https://hotline.example/webhooks/twilio/speech';
const params = {
  CallSid: `CA${'1'.repeat(32)}`,
  AccountSid: `AC${'2'.repeat(32)}`,
  From: '+8613800138000',
  SpeechResult: '国土所的人要两千块钱才办证 & more',
  Confidence: '0.91',
};
const asBody = (p: Record<string, string>) => new URLSearchParams(p).toString();

describe('X-Twilio-Signature', () => {
  it('computes what the twilio package computes, for any parameters and URL', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
          maxKeys: 8,
        }),
        fc.webUrl({ withQueryParameters: true }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (p, url, token) => {
          const plain = Object.fromEntries(Object.entries(p));
          expect(twilioSignature(token, url, formParameters(asBody(plain)))).toBe(
            twilio.getExpectedTwilioSignature(token, url, plain),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts the valid signature, and refuses a wrong token, an altered body, another URL and no header', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL, params);
    const body = formParameters(asBody(params));
    expect(twilioSignatureMatches([TOKEN], signature, URL, body)).toBe(true);
    expect(twilioSignatureMatches(['0'.repeat(32)], signature, URL, body)).toBe(false);
    expect(
      twilioSignatureMatches(
        [TOKEN],
        signature,
        URL,
        formParameters(asBody({ ...params, SpeechResult: '没事' })),
      ),
    ).toBe(false);
    expect(twilioSignatureMatches([TOKEN], signature, `${URL}?language=en`, body)).toBe(false);
    expect(twilioSignatureMatches([TOKEN], undefined, URL, body)).toBe(false);
    expect(twilioSignatureMatches([TOKEN], '', URL, body)).toBe(false);
    // The twilio package agrees about each of these.
    expect(twilio.validateRequest(TOKEN, signature, URL, params)).toBe(true);
    expect(twilio.validateRequest('0'.repeat(32), signature, URL, params)).toBe(false);
  });

  it('rotates: with the old and the new token configured, a signature under either passes', () => {
    const next = 'abcdefabcdefabcdefabcdefabcdefab';
    const body = formParameters(asBody(params));
    for (const token of [TOKEN, next]) {
      expect(
        twilioSignatureMatches(
          [TOKEN, next],
          twilio.getExpectedTwilioSignature(token, URL, params),
          URL,
          body,
        ),
      ).toBe(true);
    }
    expect(
      twilioSignatureMatches([next], twilio.getExpectedTwilioSignature(TOKEN, URL, params), URL, body),
    ).toBe(false);
  });

  it('accepts a signature over the URL with the default port written out, as Twilio sometimes signs it', () => {
    const signature = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://hotline.example:443/webhooks/twilio/speech',
      params,
    );
    expect(twilioSignatureMatches([TOKEN], signature, URL, formParameters(asBody(params)))).toBe(true);
    expect(twilio.validateRequest(TOKEN, signature, URL, params)).toBe(true);
  });
});

describe('TwiML', () => {
  it('greets in Mandarin and English, then listens in Mandarin with a Google model tag, English on key 2', () => {
    const xml = greetingTwiml('https://hotline.example/webhooks/twilio/speech', false);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather /);
    expect(xml).toContain('<Say language="zh-CN">');
    expect(xml).toContain('<Say language="en-US">');
    expect(xml).toContain('press 2');
    expect(xml).toContain('input="speech dtmf"');
    expect(xml).toContain('language="cmn-Hans-CN"');
    expect(xml).toContain('action="https://hotline.example/webhooks/twilio/speech"');
    expect(xml).not.toContain('press 1');
    expect(xml).not.toContain('按1');
    expect(englishTwiml('https://x.example/s?language=en&a=b', false)).toContain(
      'action="https://x.example/s?language=en&amp;a=b"',
    );
    expect(englishTwiml('https://x.example/s', false)).toContain('language="en-US"');
    expect(englishTwiml('https://x.example/s', false)).toContain('input="speech"');
  });

  it('offers a call back on key 1 only when asked to, saying the number is kept only for that', () => {
    const xml = greetingTwiml('https://hotline.example/webhooks/twilio/speech', true);
    expect(xml).toContain('请先按1');
    expect(xml).toContain('只为回电而保存');
    const english = englishTwiml('https://x.example/s?language=en', true);
    expect(english).toContain('press 1');
    expect(english).toContain('input="speech dtmf" numDigits="1"');
    const chosen = callbackChosenTwiml('zh-CN', 'https://x.example/s?callback=1');
    expect(chosen).toContain('回电');
    expect(chosen).toContain('action="https://x.example/s?callback=1"');
    expect(chosen).toContain('input="speech"');
  });

  it('holds with a Redirect and no reference, and asks to repeat when nothing was recorded', () => {
    const hold = holdTwiml('zh-CN', 'https://x.example/s?callback=1&hold=1');
    expect(hold).toContain(
      '<Pause length="2"/><Redirect method="POST">https://x.example/s?callback=1&amp;hold=1</Redirect>',
    );
    expect(hold).not.toMatch(/受理编号|Gather|Hangup/);
    expect(holdTwiml('en', 'https://x.example/s')).toContain('One moment');
    const repeat = repeatTwiml('en', 'https://x.example/s?language=en');
    expect(repeat).toContain('was not recorded');
    expect(repeat).toContain('<Gather');
  });

  it('carries the call’s state in the speech URL, as the query schema reads it back', () => {
    const base = 'https://hotline.example/webhooks/twilio/speech';
    expect(speechUrl(base, { language: 'zh-CN', callback: false })).toBe(base);
    const url = new globalThis.URL(speechUrl(base, { language: 'en', callback: true }, 2));
    expect(SpeechQuerySchema.parse(Object.fromEntries(url.searchParams))).toEqual({
      language: 'en',
      callback: '1',
      hold: '2',
    });
    expect(SpeechQuerySchema.safeParse({ hold: '4' }).success).toBe(false);
    expect(SpeechQuerySchema.safeParse({ callback: 'yes' }).success).toBe(false);
  });

  it('gives a call one reference from its CallSid alone', () => {
    const keys = deriveReferenceKeys('a master secret of the test, long enough to derive keys');
    const one = twilioReference(`CA${'1'.repeat(32)}`, keys);
    expect(one).toMatch(/^HLH-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(twilioReference(`CA${'1'.repeat(32)}`, keys)).toBe(one);
    expect(twilioReference(`CA${'2'.repeat(32)}`, keys)).not.toBe(one);
  });

  it('reads the reference and the receipt code character by character, twice, then hangs up', () => {
    const xml = receiptTwiml('zh-CN', 'HLH-4F7KQ-9ZP2M', '1234567890123456', false);
    expect(xml.match(/H, L, H, 4, F, 7, K, Q, 9, Z, P, 2, M/g)).toHaveLength(2);
    expect(xml.match(/1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6/g)).toHaveLength(2);
    expect(xml).toMatch(/<Hangup\/><\/Response>$/);
    expect(xml).not.toContain('回电');
    expect(receiptTwiml('en', 'HLH-4F7KQ-9ZP2M', '1234567890123456', false)).toContain(
      'Your receipt code is',
    );
    expect(receiptTwiml('en', 'HLH-4F7KQ-9ZP2M', '1234567890123456', true)).toContain(
      'We will call you back',
    );
  });

  it('ends a call without a complaint politely, in the caller’s language', () => {
    expect(noComplaintTwiml('zh-CN')).toContain('再见');
    expect(noComplaintTwiml('en')).toContain('Goodbye');
    expect(noComplaintTwiml('en')).toContain('<Hangup/>');
  });
});
