// Time is passed in, never read: the domain stays deterministic and testable. The real clock is an adapter.
export type Clock = () => Date;

export const DAY_MS = 24 * 60 * 60 * 1000;
