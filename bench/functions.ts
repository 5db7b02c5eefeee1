// Per function: bundle size and cold-start init time of the real packaged artifact (serverless package),
// measured as a fresh Node process importing the bundle with the Lambda environment set.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybooks } from '../cli/runner.ts';
import { encodeConfigForEnv } from '../functions/shared/config/config.ts';
import { projectRoot } from '../functions/shared/config/files.ts';

const node = join(projectRoot, 'node_modules/.bin/node');
const PACKAGE_DIR = '.serverless-bench';

export interface FunctionRow {
  fn: string;
  zipKb: number;
  bundleKb: number;
  coldStartMs: number;
}

function packageService(): void {
  execFileSync(
    node,
    [join(projectRoot, 'node_modules/osls/bin/serverless.js'), 'package', '--stage', 'dev', '--package', PACKAGE_DIR],
    {
      cwd: projectRoot,
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'offline', AWS_SECRET_ACCESS_KEY: 'offline' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function findBundle(dir: string): string {
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('handler.mjs')) return join(dir, name);
  }
  throw new Error(`no handler.mjs in ${dir}`);
}

function coldStartMs(bundle: string, env: NodeJS.ProcessEnv): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(bundle)}); process.stdout.write(String(performance.now() - t));`;
  const runs = [0, 1, 2].map(() =>
    Number(execFileSync(node, ['--input-type=module', '-e', script], { env }).toString()),
  );
  return runs.sort((a, b) => a - b)[1];
}

export function benchFunctions(): FunctionRow[] {
  packageService();
  const { config, stage, service } = loadPlaybooks({ stage: 'dev' });
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: config.regions[0],
    STAGE: stage,
    AUTOPILOT_CONFIG: encodeConfigForEnv(config),
    REPORTS_BUCKET: `idp-autopilot-${stage}-reports-123456789012`,
    NOTIFY_TOPIC_ARN: `arn:aws:sns:${config.regions[0]}:123456789012:idp-autopilot-${stage}-notifications`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  return Object.keys(service.functions).map((fn) => {
    const zip = join(projectRoot, PACKAGE_DIR, `${fn}.zip`);
    const dir = mkdtempSync(join(tmpdir(), `bench-${fn}-`));
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, dir]);
    const bundle = findBundle(dir);
    return {
      fn,
      zipKb: Math.round(statSync(zip).size / 1024),
      bundleKb: Math.round(statSync(bundle).size / 1024),
      coldStartMs: Math.round(coldStartMs(bundle, env)),
    };
  });
}
