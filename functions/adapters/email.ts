// Sends a plain-text email through SES from the hotline's address. The endpoint comes from the SDK's standard
// configuration (AWS_ENDPOINT_URL_SES), so the same code reaches SES or the local emulator.
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { emailSender } from './environment.ts';

let ses: SESClient | undefined;

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export async function sendEmail(email: Email): Promise<void> {
  ses ??= new SESClient({});
  await ses.send(
    new SendEmailCommand({
      Source: emailSender(),
      Destination: { ToAddresses: [email.to] },
      Message: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
      },
    }),
  );
}
