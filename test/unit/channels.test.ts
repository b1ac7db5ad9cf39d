// The channels' pure rules: the caller's number, channel secret lists, a hotline call's schema and what it becomes,
// a contact flow's parameters, and the public face of an Open311 request.
import { describe, expect, it } from 'vitest';
import {
  callbackNumber,
  callerNumberOf,
  callIntakeMessage,
  isCallerNumberField,
  secretList,
} from '#domain/channels/call.ts';
import { connectCallOf } from '#domain/channels/connect.ts';
import { HotlineCallSchema, hotlineCallDetails, hotlineComplaint } from '#domain/channels/hotline-webhook.ts';
import {
  open311Complaint,
  open311Errors,
  publicRequest,
  RequestQuerySchema,
  ServiceRequestSchema,
  serviceDefinition,
  serviceList,
} from '#domain/channels/open311.ts';
import { spokenComplaint } from '#domain/channels/twilio.ts';

describe('the caller’s number', () => {
  it('keeps a number, and nothing for a withheld one or what is not a number', () => {
    expect(callerNumberOf('+86 138 0013 8000')).toBe('+86 138 0013 8000');
    for (const withheld of [undefined, '', 'withheld', 'Anonymous', 'PRIVATE', 'unknown'])
      expect(callerNumberOf(withheld)).toBeUndefined();
    expect(callerNumberOf('client:alice')).toBeUndefined();
    expect(callerNumberOf('sip:1@example.org')).toBeUndefined();
    expect(isCallerNumberField('withheld')).toBe(true);
    expect(isCallerNumberField('client:alice')).toBe(false);
  });
});

describe('a call’s intake message', () => {
  const call = {
    reference: 'HLH-4F7KQ-9ZP2M',
    receivedAt: new Date('2026-11-27T09:30:00.000Z'),
    language: 'zh-CN' as const,
    anonymous: true,
    complaint: { description: '窗口人员索要两千元好处费才给办证。' },
    call: { platform: 'twilio' as const, callId: `CA${'1'.repeat(32)}` },
  };

  it('keeps the caller’s number only for a call back, and only a number that can be called', () => {
    expect(callbackNumber(false, '+8613800138000')).toBeUndefined();
    expect(callbackNumber(true, '+8613800138000')).toBe('+8613800138000');
    expect(callbackNumber(true, 'withheld')).toBeUndefined();
    expect(callbackNumber(true, undefined)).toBeUndefined();
  });

  it('carries no number and no call back for a caller who did not ask', () => {
    const message = callIntakeMessage(call);
    expect(message.anonymous).toBe(true);
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });

  it('says a call back was asked for, carries the number sealed as the contact, and is no longer anonymous', () => {
    const message = callIntakeMessage({ ...call, callback: { sealedContact: 'v1.sealed.number' } });
    expect(message).toMatchObject({
      anonymous: false,
      callbackRequested: true,
      sealedContact: 'v1.sealed.number',
    });
    expect(message).not.toHaveProperty('sealedCallerNumber');
  });
});

describe('channel secrets', () => {
  it('are one value or a space-separated list while rotating; empty or overlong lists are configuration mistakes', () => {
    expect(secretList('a')).toEqual(['a']);
    expect(secretList(' old  new ')).toEqual(['old', 'new']);
    expect(() => secretList('  ')).toThrow(/empty/);
    expect(() => secretList('a b c d e')).toThrow(/more than 4/);
  });
});

describe('a hotline call', () => {
  const minimal = { callId: 'C-1024', summary: '窗口人员索要两千元好处费才给办证。' };

  it('defaults to anonymous, Mandarin, no call back; the summary is the description and the transcript stays beside it', () => {
    const call = HotlineCallSchema.parse({ ...minimal, transcript: '喂……' });
    expect(call).toMatchObject({ anonymous: true, language: 'zh-CN', callbackRequested: false });
    expect(hotlineComplaint(call)).toEqual({ description: minimal.summary });
    expect(hotlineCallDetails(call)).toEqual({ platform: 'webhook', callId: 'C-1024', transcript: '喂……' });
  });

  it('takes the transcript as the description when there is no summary', () => {
    const call = HotlineCallSchema.parse({
      callId: 'C-1',
      transcript: '国土所的人要两千块才办证，我不给就拖着。',
    });
    expect(hotlineComplaint(call).description).toBe(call.transcript);
    expect(hotlineCallDetails(call).transcript).toBeUndefined();
  });

  it('refuses unknown fields, a call id with other characters, a non-http recording and a call back without a number', () => {
    expect(HotlineCallSchema.safeParse({ ...minimal, extra: 1 }).success).toBe(false);
    expect(HotlineCallSchema.safeParse({ ...minimal, callId: 'a b' }).success).toBe(false);
    expect(HotlineCallSchema.safeParse({ ...minimal, recordingUrl: 'javascript:alert(1)' }).success).toBe(
      false,
    );
    expect(
      HotlineCallSchema.safeParse({ ...minimal, anonymous: false, callbackRequested: true }).success,
    ).toBe(false);
    expect(
      HotlineCallSchema.safeParse({
        ...minimal,
        anonymous: false,
        callbackRequested: true,
        callerNumber: 'withheld',
      }).success,
    ).toBe(false);
    expect(
      HotlineCallSchema.safeParse({
        ...minimal,
        anonymous: false,
        callbackRequested: true,
        callerNumber: '+8613800138000',
      }).success,
    ).toBe(true);
  });
});

describe('speech', () => {
  it('under ten characters is no complaint', () => {
    const base = { CallSid: `CA${'0'.repeat(32)}`, AccountSid: `AC${'0'.repeat(32)}` };
    expect(spokenComplaint({ ...base, SpeechResult: '喂？你好？' })).toBeUndefined();
    expect(spokenComplaint({ ...base })).toBeUndefined();
    expect(spokenComplaint({ ...base, SpeechResult: '办证窗口的人要我给五百块钱' })?.description).toBe(
      '办证窗口的人要我给五百块钱',
    );
  });
});

describe('a contact flow', () => {
  const event = (
    parameters: Record<string, string>,
    endpoint: Record<string, string> = { Address: '+8613800138000', Type: 'TELEPHONE_NUMBER' },
  ) => ({
    Name: 'ContactFlowEvent',
    Details: { ContactData: { ContactId: 'c-1', CustomerEndpoint: endpoint }, Parameters: parameters },
  });

  it('reads text flags and keeps the number only from a telephone endpoint', () => {
    const call = connectCallOf(
      event({
        description: '窗口人员态度恶劣，骂人。还让我滚。',
        anonymous: 'false',
        callbackRequested: 'true',
      }),
    );
    expect(call.parameters).toMatchObject({ anonymous: false, callbackRequested: true, language: 'zh-CN' });
    expect(call.callbackRequested).toBe(true);
    expect(call.callerNumber).toBe('+8613800138000');
    expect(
      connectCallOf(
        event({ description: '窗口人员态度恶劣，骂人。还让我滚。' }, { Address: 'alice', Type: 'EMAIL' }),
      ).callerNumber,
    ).toBeUndefined();
    expect(() =>
      connectCallOf(event({ description: '窗口人员态度恶劣，骂人。', anonymous: 'maybe' })),
    ).toThrow();
  });

  it('takes a call back from the parameter, else the contact attribute; refuses the two disagreeing or with anonymous', () => {
    const description = '窗口人员态度恶劣，骂人。还让我滚。';
    const withAttributes = (parameters: Record<string, string>, attributes: Record<string, string>) => {
      const base = event(parameters);
      return {
        ...base,
        Details: { ...base.Details, ContactData: { ...base.Details.ContactData, Attributes: attributes } },
      };
    };
    const chosen = (parameters: Record<string, string>, attributes: Record<string, string> = {}) =>
      connectCallOf(withAttributes({ description, ...parameters }, attributes)).callbackRequested;
    expect(chosen({})).toBe(false);
    expect(chosen({}, { callbackRequested: 'true', language: 'whatever the flow keeps' })).toBe(true);
    expect(chosen({ callbackRequested: 'false' }, {})).toBe(false);
    expect(chosen({ callbackRequested: 'true' }, { callbackRequested: 'true' })).toBe(true);
    expect(() => chosen({ callbackRequested: 'false' }, { callbackRequested: 'true' })).toThrow(/disagree/);
    expect(() => chosen({ anonymous: 'true' }, { callbackRequested: 'true' })).toThrow(/anonymous/);
    expect(() => chosen({}, { callbackRequested: 'yes' })).toThrow();
  });
});

describe('Open311', () => {
  it('offers every category as a realtime service with metadata, each with the four optional attributes', () => {
    expect(serviceList()).toHaveLength(5);
    expect(serviceDefinition('attitude').attributes.map((a) => a.order)).toEqual([1, 2, 3, 4]);
  });

  it('keeps who filed a request apart from the complaint; no names, no contact', () => {
    const request = ServiceRequestSchema.parse({
      service_code: 'other',
      description: '建议窗口延长中午的办理时间，方便上班族。',
      address_string: '区政务服务中心',
      first_name: 'Ana',
      email: 'ana@example.org',
    });
    const { complaint, contact } = open311Complaint(request);
    expect(complaint).toEqual({ description: request.description, location: '区政务服务中心' });
    expect(contact).toEqual({ name: 'Ana', email: 'ana@example.org' });
    const anonymous = open311Complaint(ServiceRequestSchema.parse({ ...request, first_name: '', email: '' }));
    expect(anonymous.contact).toBeUndefined();
  });

  it('shows a case by its public fields only, open while it is worked and closed after', () => {
    const listed = {
      reference: 'HLO-4F7KQ-9ZP2M',
      status: 'triaged' as const,
      category: 'solicitation' as const,
      bodyId: 'district-cdi',
      receivedAt: '2026-11-28T01:00:00.000Z',
      updatedAt: '2026-11-28T01:00:05.000Z',
      verificationDueAt: '2026-12-01T01:00:00.000Z',
    };
    expect(publicRequest(listed, () => '区纪委')).toEqual({
      service_request_id: 'HLO-4F7KQ-9ZP2M',
      status: 'open',
      status_notes: 'assigned',
      service_code: 'solicitation',
      service_name: expect.stringContaining('吃拿卡要'),
      agency_responsible: '区纪委',
      requested_datetime: listed.receivedAt,
      updated_datetime: listed.updatedAt,
      expected_datetime: listed.verificationDueAt,
    });
    expect(publicRequest({ ...listed, status: 'closed' }, () => undefined).status).toBe('closed');
  });

  it('reads the spec’s list filters; refuses other references and unknown filters', () => {
    expect(RequestQuerySchema.parse({ status: 'open,closed', service_code: 'attitude' })).toEqual({
      status: ['open', 'closed'],
      service_code: ['attitude'],
    });
    expect(RequestQuerySchema.safeParse({ service_request_id: 'HLW-4F7KQ-9ZP2M' }).success).toBe(false);
    expect(RequestQuerySchema.safeParse({ page: '2' }).success).toBe(false);
  });

  it('turns the API’s error into the spec’s list, one entry per field', () => {
    expect(open311Errors(403, { message: 'api_key is required.' })).toEqual([
      { code: 403, description: 'api_key is required.' },
    ]);
    expect(open311Errors(400, { message: 'x', fields: { lat: 'bad', long: 'bad' } })).toHaveLength(2);
  });
});
