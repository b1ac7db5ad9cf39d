// Metrics' warning that an invocation published no metric stays out of the logs (reading functions publish none by
// design); its other warnings still reach the project's logger.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '#functions/observability.ts';

afterEach(() => vi.restoreAllMocks());

describe('metrics warnings', () => {
  it('publishing nothing warns nobody, and writes nothing to the console', () => {
    const warn = vi.spyOn(logger, 'warn');
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => {});
    metrics.publishStoredMetrics();
    expect(warn).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(consoleLog).not.toHaveBeenCalled();
  });

  it('other warnings still go to the logger', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    // A dimension set twice is one of Metrics' own warnings.
    metrics.addDimension('body', 'a');
    metrics.addDimension('body', 'b');
    metrics.clearDimensions();
    expect(warn).toHaveBeenCalled();
  });
});
