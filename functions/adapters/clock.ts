// The real clock, for handlers; the domain is given the time and never reads it. On this machine it may run
// faster (HOTLINE_CLOCK_SPEED) or from another instant (HOTLINE_CLOCK_START): every function of one runtime shares the same origin, so they agree on "now".
import type { Clock } from '#domain/clock.ts';
import { clockAcceleration } from './environment.ts';

const { speed, origin, start } = clockAcceleration();

export const systemClock: Clock =
  speed === 1 && start === origin ? () => new Date() : () => new Date(start + (Date.now() - origin) * speed);
