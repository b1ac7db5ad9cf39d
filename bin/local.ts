// `npm start`: the whole Sunshine Hotline pipeline on this machine, on embedded emulators. Ctrl-C stops it.
import { startLocalRuntime } from '#local/runtime.ts';

const port = Number(process.env.PORT ?? 3000);
const runtime = await startLocalRuntime({
  port,
  dataDir: process.env.HOTLINE_DATA_DIR ?? undefined,
  sesPort: Number(process.env.HOTLINE_SES_PORT ?? 8005),
  // Deployed, a failed message waits 180 s before its retry; here 10 s keeps a developer's loop short.
  visibilityTimeoutSeconds: 10,
  ...(process.env.HOTLINE_PUBLIC_URL ? { publicUrl: process.env.HOTLINE_PUBLIC_URL } : {}),
  log: (line) => console.log(line),
});

const { publicUrl } = runtime;
console.log(`
Sunshine Hotline is running on this machine.

  Complaint form     ${publicUrl}/
  Status lookup      ${publicUrl}/status
  Investigators      ${publicUrl}/console/   (locally: pick a person of the directory)
  Mail viewer (SES)  ${runtime.mailViewerUrl}
  Outbox (email+SMS) ${publicUrl}/local/outbox
  Clock              ${runtime.clockSpeed === 1 ? 'real time' : `${runtime.clockSpeed}× real time (HOTLINE_CLOCK_SPEED)`}
  DynamoDB           ${runtime.endpoints.dynamodb}  table ${runtime.tableName}
  SQS                ${runtime.endpoints.sqs}  queue ${runtime.queues.intake.url}
  S3 (evidence)      ${runtime.endpoints.s3}  bucket ${runtime.evidenceBucket}

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping…`);
  await runtime.stop();
  console.log('stopped cleanly.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
