import { describe, expect, it } from 'vitest';
import { unflattenFormFields, WebComplaintSchema } from '../../functions/domain/complaint.ts';
import {
  canonicalJson,
  IDEMPOTENCY_KEY_PATTERN,
  submissionReference,
} from '../../functions/domain/intake.ts';
import { deriveReferenceKeys } from '../../functions/domain/reference.ts';

const description = '古南街道统计站的人让我下个月再来，已经拖了两个月。';

describe('the web complaint schema', () => {
  it('defaults to an anonymous complaint in Simplified Chinese', () => {
    expect(WebComplaintSchema.parse({ description })).toEqual({
      description,
      anonymous: true,
      language: 'zh-CN',
    });
  });

  it('treats empty form fields as absent and trims text', () => {
    const parsed = WebComplaintSchema.parse({
      description: `  ${description}  `,
      subjectUnit: '',
      officialName: '  ',
    });
    expect(parsed).toEqual({ description, anonymous: true, language: 'zh-CN' });
  });

  it('reads form booleans', () => {
    const named = WebComplaintSchema.parse({
      description,
      anonymous: 'false',
      contact: { email: 'a@example.cn' },
    });
    expect(named.anonymous).toBe(false);
    expect(WebComplaintSchema.parse({ description, anonymous: 'on' }).anonymous).toBe(true);
    expect(WebComplaintSchema.safeParse({ description, anonymous: 'maybe' }).success).toBe(false);
  });

  it('requires contact details exactly when the reporter is not anonymous', () => {
    expect(WebComplaintSchema.safeParse({ description, anonymous: false }).success).toBe(false);
    expect(WebComplaintSchema.safeParse({ description, contact: { phone: '13800138000' } }).success).toBe(
      false,
    );
    expect(
      WebComplaintSchema.safeParse({ description, anonymous: false, contact: { name: 'Li' } }).success,
    ).toBe(false);
    expect(
      WebComplaintSchema.safeParse({ description, anonymous: false, contact: { phone: '13800138000' } })
        .success,
    ).toBe(true);
  });

  it('keeps the contact phone in E.164 form, however it was typed', () => {
    const phoneOf = (phone: string) =>
      WebComplaintSchema.parse({ description, anonymous: false, contact: { phone } }).contact?.phone;
    for (const typed of [
      '138 0013 8000',
      '+86 138 0013 8000',
      '0086 138 0013 8000',
      '86-138-0013-8000',
      '＋８６ １３８ ００１３ ８０００',
    ])
      expect(phoneOf(typed), typed).toBe('+8613800138000');
    expect(phoneOf('(023) 5550 1001')).toBe('+862355501001');
    expect(phoneOf('+886 912 345 678')).toBe('+886912345678');
  });

  it('refuses a contact phone that is not a valid number with a field error naming contact.phone', () => {
    for (const phone of [
      '138',
      '12345678901',
      '+1 202 555 0143',
      '138 0013 8000 / 139 0013 9000',
      'call me',
    ]) {
      const result = WebComplaintSchema.safeParse({ description, anonymous: false, contact: { phone } });
      expect(result.success, phone).toBe(false);
      const issue = result.error?.issues.find((i) => i.path.join('.') === 'contact.phone');
      expect(issue?.message, phone).toMatch(
        /valid phone number of mainland China, Hong Kong, Macao or Taiwan/,
      );
    }
    // With an email beside it, a bad phone is still refused: it is not silently dropped.
    expect(
      WebComplaintSchema.safeParse({
        description,
        anonymous: false,
        contact: { phone: '138', email: 'a@example.cn' },
      }).success,
    ).toBe(false);
  });

  it('rejects unknown fields and out-of-range text', () => {
    expect(WebComplaintSchema.safeParse({ description, extra: 1 }).success).toBe(false);
    expect(WebComplaintSchema.safeParse({ description: '太短' }).success).toBe(false);
    expect(WebComplaintSchema.safeParse({ description: 'x'.repeat(4001) }).success).toBe(false);
    expect(WebComplaintSchema.safeParse({ description, language: 'fr' }).success).toBe(false);
  });
});

describe('form fields', () => {
  it('fold dotted names into objects and drop untouched nested fields', () => {
    expect(
      unflattenFormFields({ description, 'contact.phone': '138', 'contact.email': '', anonymous: 'false' }),
    ).toEqual({ description, contact: { phone: '138' }, anonymous: 'false' });
    expect(unflattenFormFields({ description, 'contact.name': '', 'contact.phone': '' })).toEqual({
      description,
    });
  });
});

describe('submission references', () => {
  const keys = deriveReferenceKeys('a-master-secret-of-at-least-32-characters');

  it('converge for the same key and content in any field order, and diverge for other content', () => {
    const a = submissionReference('web', 'k'.repeat(16), { description, language: 'en' }, keys);
    const b = submissionReference('web', 'k'.repeat(16), { language: 'en', description }, keys);
    const c = submissionReference(
      'web',
      'k'.repeat(16),
      { description: `${description}!`, language: 'en' },
      keys,
    );
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('canonical JSON sorts keys and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('accept only idempotency keys long enough not to collide by accident', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('7d1c5a0e-4b0b-4f0e-9d7a-2f7c7f1d2a10')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('1')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('has spaces in it, many many')).toBe(false);
  });
});
