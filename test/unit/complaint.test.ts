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
