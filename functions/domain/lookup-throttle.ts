// Wrong receipt codes are counted per reference in fixed windows; past the limit, lookups wait out the window.
export const LOOKUP_WINDOW_SECONDS = 15 * 60;
export const LOOKUP_MAX_FAILURES = 5;

export interface LookupWindow {
  /** Identifies the window, so counters need no reset: a new window is a new counter. */
  readonly id: string;
  readonly endsAt: Date;
}

export function lookupWindow(now: Date): LookupWindow {
  const windowMs = LOOKUP_WINDOW_SECONDS * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { id: new Date(start).toISOString(), endsAt: new Date(start + windowMs) };
}

export function secondsUntil(now: Date, later: Date): number {
  return Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 1000));
}

export function isLockedOut(failures: number): boolean {
  return failures >= LOOKUP_MAX_FAILURES;
}
