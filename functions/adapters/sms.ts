// Sends a transactional SMS through AWS End User Messaging SMS (SendTextMessage) from the hotline's originator.
// The endpoint comes from AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 when set: the local runtime's outbox.
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsOriginator } from './environment.ts';

let client: PinpointSMSVoiceV2Client | undefined;

/** `to` in E.164 form (`+8613800000000`). */
export async function sendSms(to: string, text: string): Promise<void> {
  client ??= new PinpointSMSVoiceV2Client({});
  await client.send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: to,
      OriginationIdentity: smsOriginator(),
      MessageBody: text,
      MessageType: 'TRANSACTIONAL',
    }),
  );
}
