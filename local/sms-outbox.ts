// An emulator of AWS End User Messaging SMS on loopback: it answers SendTextMessage (AWS JSON 1.0) and keeps each
// message in an outbox instead of sending it, for `GET /local/outbox` and the tests. Other operations get the
// error an unknown operation gets.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { closeServer, type Emulator } from './emulators.ts';

export interface OutboxSms {
  readonly to: string;
  readonly text: string;
  readonly sentAt: string;
  readonly originator?: string;
}

export interface SmsOutbox extends Emulator {
  readonly messages: readonly OutboxSms[];
}

const SendTextMessageSchema = z.object({
  DestinationPhoneNumber: z.string().regex(/^\+[1-9][0-9]{4,14}$/),
  MessageBody: z.string().min(1).max(1600),
  OriginationIdentity: z.string().optional(),
});

const TARGET = 'PinpointSMSVoiceV2.SendTextMessage';

export async function startSmsOutbox(options: { port?: number } = {}): Promise<SmsOutbox> {
  const messages: OutboxSms[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.0',
          ...(type === undefined ? {} : { 'x-amzn-errortype': type }),
        });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.headers['x-amz-target'] !== TARGET) {
        answer(
          400,
          { __type: 'UnknownOperationException', message: 'only SendTextMessage is emulated' },
          'UnknownOperationException',
        );
        return;
      }
      let parsed: z.infer<typeof SendTextMessageSchema>;
      try {
        parsed = SendTextMessageSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        answer(
          400,
          { __type: 'ValidationException', message: (error as Error).message },
          'ValidationException',
        );
        return;
      }
      messages.push({
        to: parsed.DestinationPhoneNumber,
        text: parsed.MessageBody,
        sentAt: new Date().toISOString(),
        ...(parsed.OriginationIdentity === undefined ? {} : { originator: parsed.OriginationIdentity }),
      });
      answer(200, { MessageId: randomUUID() });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'SMS outbox',
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    stop: () => closeServer(server),
  };
}

/** The emails aws-ses-v2-local holds, in the outbox's shape. */
export async function sesEmails(
  sesEndpoint: string,
): Promise<{ to: string; subject: string; text: string; sentAt: string }[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`SES emulator store: HTTP ${response.status}`);
  const store = (await response.json()) as {
    emails: { destination: { to: string[] }; subject: string; body: { text?: string }; at: number }[];
  };
  return store.emails.map((email) => ({
    to: email.destination.to.join(', '),
    subject: email.subject,
    text: email.body.text ?? '',
    sentAt: new Date(email.at * 1000).toISOString(),
  }));
}
