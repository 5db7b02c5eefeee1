// Packages the service once per test run (offline, no credentials), so the tests on the CloudFormation
// template and IAM roles read what `serverless deploy` would send, with every name at its longest; and writes the
// member-account template beside it, as `npm run package` does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PACKAGE_DIR = '.serverless-test';
/** The longest stage name config allows, packaged with test/support/longest-names.yml (home ap-southeast-1). */
export const PACKAGE_STAGE = 'longest-stage-16';
export const PACKAGE_CONFIG_FILE = 'test/support/longest-names.yml';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  // While iterating on other tests, AUTOPILOT_REUSE_PACKAGE=1 reuses the last package (CI always packages).
  if (process.env.AUTOPILOT_REUSE_PACKAGE === '1' && !process.env.CI && existsSync(join(root, PACKAGE_DIR))) return;
  // The pinned Node 24 runs osls: config/serverless.cjs loads our TypeScript config module directly.
  const node = join(root, 'node_modules/.bin/node');
  const serverless = join(root, 'node_modules/osls/bin/serverless.js');
  execFileSync(node, [serverless, 'package', '--stage', PACKAGE_STAGE, '--package', PACKAGE_DIR], {
    cwd: root,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'offline',
      AWS_SECRET_ACCESS_KEY: 'offline',
      SLS_TELEMETRY_DISABLED: '1',
      AUTOPILOT_CONFIG_FILE: PACKAGE_CONFIG_FILE,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The member-account template beside it, as `npm run package` writes it.
  execFileSync(node, ['serverless/write-member-template.ts', '--stage', PACKAGE_STAGE, '--package', PACKAGE_DIR], {
    cwd: root,
    env: { ...process.env, AUTOPILOT_CONFIG_FILE: PACKAGE_CONFIG_FILE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
