// Seals a reporter's contact details (AES-256-GCM) so that the queue, the table and its backups never hold them
// in clear. The case reference is the associated data: a sealed contact cannot be moved onto another case.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Contact, SealedContactSchema } from '#domain/complaint.ts';
import { deriveKey } from '#domain/reference.ts';

const VERSION = 'v1';

export function sealContact(contact: Contact, reference: string, masterSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterSecret, 'contact'), iv);
  cipher.setAAD(Buffer.from(reference));
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify(contact), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url')].join('.');
}

export function openContact(sealed: string, reference: string, masterSecret: string): Contact {
  const [version, iv, body] = sealed.split('.');
  if (version !== VERSION || iv === undefined || body === undefined) throw new Error('not a sealed contact');
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(masterSecret, 'contact'),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(reference));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const clear = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
  return SealedContactSchema.parse(JSON.parse(clear.toString('utf8')));
}
