// `npm run package` writes the member-account template beside the stack's, offline and without credentials:
//   node serverless/write-member-template.ts --stage <stage> [--region <home region>] [--package <dir>]
// The stage config is read as serverless.yml reads it (config/<stage>.yml, or the file AUTOPILOT_CONFIG_FILE names);
// the template goes to <dir>/idp-autopilot-member-role.json (default dir .serverless, as `serverless package`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStageConfig } from '../functions/playbooks.ts';
import { MEMBER_TEMPLATE_FILE, memberTemplate } from './member-template.ts';
import { serviceDeclaration } from './service.ts';

/** Writes the stage's member template into `dir` and returns its path. Throws ConfigError on a bad config. */
export function writeMemberTemplate(options: { stage: string; region?: string; dir: string }): string {
  const config = loadStageConfig({ stage: options.stage, file: process.env.AUTOPILOT_CONFIG_FILE });
  const service = serviceDeclaration(config, options.stage, options.region ?? config.regions[0]);
  mkdirSync(options.dir, { recursive: true });
  const path = join(options.dir, MEMBER_TEMPLATE_FILE);
  writeFileSync(path, `${JSON.stringify(memberTemplate(service, config), null, 2)}\n`);
  return path;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { stage: { type: 'string', default: 'dev' }, region: { type: 'string' }, package: { type: 'string' } },
  });
  const dir = resolve(join(import.meta.dirname, '..'), values.package ?? '.serverless');
  const path = writeMemberTemplate({ stage: values.stage, region: values.region, dir });
  console.log(`Member-account template: ${path}`);
}
