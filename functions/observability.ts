// One logger, one metrics and one tracer per Lambda process, shared by handlers and adapters.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { observability } from './catalog.ts';

const { serviceName, namespace } = observability;

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace, serviceName });
export const tracer = new Tracer({ serviceName });
