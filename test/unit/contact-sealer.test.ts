import { describe, expect, it } from 'vitest';
import { openContact, sealContact } from '../../functions/adapters/contact-sealer.ts';

const secret = 'a-master-secret-of-at-least-32-characters';
const contact = { name: '李先生', phone: '+86 139 0000 1111', email: 'li@example.cn' };

describe('sealed contact details', () => {
  it('open again with the secret and the same case reference', () => {
    const sealed = sealContact(contact, 'HLW-AAAAA-BBBBB', secret);
    expect(sealed).not.toContain('139');
    expect(sealed).not.toContain('example');
    expect(openContact(sealed, 'HLW-AAAAA-BBBBB', secret)).toEqual(contact);
  });

  it('open as they were kept, even when the phone rule has become stricter since (or a platform gave the number)', () => {
    for (const phone of ['12345678901', '+1 202 555 0143', 'client:alice']) {
      const sealed = sealContact({ phone }, 'HLW-AAAAA-BBBBB', secret);
      expect(openContact(sealed, 'HLW-AAAAA-BBBBB', secret)).toEqual({ phone });
    }
  });

  it('differ every time, even for the same details', () => {
    expect(sealContact(contact, 'HLW-AAAAA-BBBBB', secret)).not.toBe(
      sealContact(contact, 'HLW-AAAAA-BBBBB', secret),
    );
  });

  it('refuse to open on another case, with another secret, or when tampered with', () => {
    const sealed = sealContact(contact, 'HLW-AAAAA-BBBBB', secret);
    expect(() => openContact(sealed, 'HLW-CCCCC-DDDDD', secret)).toThrow();
    expect(() => openContact(sealed, 'HLW-AAAAA-BBBBB', `${secret}x`)).toThrow();
    const [version, iv, body = ''] = sealed.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const tampered = [version, iv, bytes.toString('base64url')].join('.');
    expect(() => openContact(tampered, 'HLW-AAAAA-BBBBB', secret)).toThrow();
  });
});
