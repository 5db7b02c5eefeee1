// Packages the service once per test run (offline, no credentials), so the tests on the CloudFormation
// template and IAM roles read what `serverless deploy` would send.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PACKAGE_DIR = '.serverless-test';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  // While iterating on other tests, AUTOPILOT_REUSE_PACKAGE=1 reuses the last package (CI always packages).
  if (process.env.AUTOPILOT_REUSE_PACKAGE === '1' && !process.env.CI && existsSync(join(root, PACKAGE_DIR))) return;
  // The pinned Node 24 runs osls: config/serverless.cjs loads our TypeScript config module directly.
  const node = join(root, 'node_modules/.bin/node');
  const serverless = join(root, 'node_modules/osls/bin/serverless.js');
  execFileSync(node, [serverless, 'package', '--stage', 'dev', '--package', PACKAGE_DIR], {
    cwd: root,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'offline',
      AWS_SECRET_ACCESS_KEY: 'offline',
      SLS_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
