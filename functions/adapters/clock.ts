// The real clock, for handlers; the domain is given the time and never reads it.
import type { Clock } from '#domain/clock.ts';

export const systemClock: Clock = () => new Date();
