// Starts a real outpost-sync-server for a browser test: 127.0.0.1, a free port, a fresh data
// folder with the demo accounts, serving the built client. Resolves once the server prints its
// "listening on" line. stop() ends it; the data folder stays for the test to inspect.
// A restart (a new deployment, say) passes the previous `dataDir` and `port`: the same central
// store at the same origin, which a page's service worker and IndexedDB are tied to.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startServer({
  serverBinary, webRoot, dataDir = mkdtempSync(join(tmpdir(), 'outpost-browser-')), port = 0,
  timeoutMs = 30000,
}) {
  const child = spawn(serverBinary,
    ['--data-dir', dataDir, '--bind', '127.0.0.1', '--port', String(port), '--web-root', webRoot,
      '--demo'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on https:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`https://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    centralStore: join(dataDir, 'central.sqlite'),
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
