// Time is passed in, never read: the domain stays deterministic and testable.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const DAY_MS = 24 * 60 * 60 * 1000;
