// One logger and one metrics per Lambda process, shared by handlers and adapters. Traces come from Lambda's
// active tracing, not from an SDK in the bundle: see "Tracing" in the README for why.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { observability } from './catalog.ts';

const { serviceName, namespace } = observability;

export const logger = new Logger({ serviceName });

/**
 * What Metrics says goes through the project's logger (structured, at its level), except its warning that an
 * invocation published no metric: most requests of a reading function (a list, the statistics, a page) publish
 * none by design, and one warning per invocation would bury the warnings that matter.
 */
const EMPTY_METRICS_WARNING = 'No application metrics to publish';
type Level = 'debug' | 'info' | 'warn' | 'error';
const forward =
  (level: Level) =>
  (...content: unknown[]): void => {
    const [message, ...rest] = content;
    if (level === 'warn' && String(message).startsWith(EMPTY_METRICS_WARNING)) return;
    if (rest.length === 0) logger[level](String(message));
    else logger[level](String(message), { details: rest.map(String) });
  };
const metricsLogger = {
  debug: forward('debug'),
  info: forward('info'),
  warn: forward('warn'),
  error: forward('error'),
};

export const metrics = new Metrics({ namespace, serviceName, logger: metricsLogger });
