import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patternText, readmeWithCatalogue } from '../../cli/docs.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { serviceDeclaration } from '../../serverless/service.ts';

describe('the README catalogue', () => {
  it('is what the manifests say (run `npm run docs` after changing a manifest)', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const service = serviceDeclaration(loadStageConfig({ stage: 'dev' }), 'dev');
    expect(readme).toBe(readmeWithCatalogue(readme, service));
    for (const machine of service.stateMachines) expect(readme).toContain(`| \`${machine.playbook}\` |`);
  });

  it('puts a rule in words, numeric and prefix conditions included', () => {
    expect(
      patternText({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }], type: [{ prefix: 'Backdoor:EC2/' }] },
      }),
    ).toBe('GuardDuty Finding where detail.severity: >= 7; detail.type: prefix `Backdoor:EC2/`');
  });
});
