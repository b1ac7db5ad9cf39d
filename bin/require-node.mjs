// Runs before `npm start` and `npm test` on whatever Node is installed: plain JavaScript, so an older Node can
// read it and say in one line what is needed, instead of failing on the first TypeScript file with a stack trace.
import { pathToFileURL } from 'node:url';

/** The one line to print for this Node.js version, or undefined when it can run the project. */
export function tooOld(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return undefined;
  return (
    `Sunshine Hotline needs Node.js 22.18 or newer (24 recommended, as on Lambda); this is v${version.replace(/^v/, '')}. ` +
    'Get it with: npm install --prefix /opt/node24 node@24 && export PATH=/opt/node24/node_modules/node/bin:$PATH'
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = tooOld(process.versions.node);
  if (problem !== undefined) {
    console.error(problem);
    process.exit(1);
  }
}
