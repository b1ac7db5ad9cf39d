// `npm start` and `npm test` on an older Node stop with one line that says what is needed.
import { describe, expect, it } from 'vitest';
import { tooOld } from '../../bin/require-node.mjs';

describe('the Node.js version check', () => {
  it('names the version needed and how to get it, in one line, for Node older than 22.18', () => {
    for (const version of ['20.20.2', 'v18.19.0', '22.17.1']) {
      const line = tooOld(version);
      expect(line).toContain('22.18');
      expect(line).toContain('npm install --prefix /opt/node24 node@24');
      expect(line).not.toContain('\n');
    }
  });

  it('lets 22.18 and newer through', () => {
    for (const version of ['22.18.0', '23.0.0', '24.21.0']) expect(tooOld(version)).toBeUndefined();
  });
});
