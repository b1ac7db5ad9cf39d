// One logger and one metrics per Lambda process, shared by handlers and adapters. Traces come from Lambda's
// active tracing, not from an SDK in the bundle: see "Tracing" in the README for why.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { observability } from './catalog.ts';

const { serviceName, namespace } = observability;

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace, serviceName });
