// Runs a scheduled function every so often, as EventBridge Scheduler does in the cloud: one run at a time here
// (a run still going when the next is due is not doubled), with the event a universal target receives.
import type { Invoker } from './lambda.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(options: {
  readonly invoker: Invoker;
  readonly everySeconds: number;
  readonly onError?: (error: Error) => void;
}): Scheduler {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running !== undefined) return;
    const event = { source: 'hotline.local-scheduler', time: new Date().toISOString() };
    running = options.invoker
      .invoke(event)
      .then(() => undefined)
      .catch((error: Error) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everySeconds * 1000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
