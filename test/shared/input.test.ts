import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStageConfig, playbookNamed } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { InvalidInputError } from '../../functions/shared/errors/errors.ts';
import { checkExecutionInput } from '../../functions/shared/playbook/input.ts';

const config = loadStageConfig({ stage: 'dev' });
const check = (playbook: string, input: unknown) => checkExecutionInput(playbookNamed(playbook)!, input, config);
const refusal = (playbook: string, input: unknown): string => {
  try {
    check(playbook, input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error(`${playbook} accepted ${JSON.stringify(input)}`);
};

describe('the execution input of every playbook, checked before anything runs', () => {
  it('refuses an unknown key by name, in every playbook that takes a request by hand', () => {
    expect(refusal('cost-report', { monthh: '2026-10' })).toContain('monthh');
    expect(refusal('compliance-evaluation', { regionz: ['us-east-1'] })).toContain('regionz');
    expect(refusal('guardduty-hardening', { dryrun: true })).toContain('dryrun');
    expect(refusal('nightly-cleanup', { modes: 'delete' })).toContain('modes');
    expect(refusal('restore-credentials', { userName: 'alice', key: 'AKIA' })).toContain('key');
    expect(refusal('revoke-credentials', { userName: 'alice', dryrun: true })).toContain('dryrun');
    expect(refusal('contain-instance', { instanceId: 'i-0abc12345def67890', reason: 'x y z', force: true })).toContain(
      'force',
    );
    expect(refusal('incident-response', { alarmName: 'idp-prod-api-5xx', severity: 'SEV1' })).toContain('severity');
  });

  it('refuses wrong types and placeholders such as the i-… of an example, naming the field', () => {
    expect(refusal('release-instance', { instanceId: 'i-…', reason: 'false positive' })).toContain('instanceId');
    expect(refusal('cost-report', { month: 202610 })).toContain('month');
    expect(refusal('nightly-cleanup', { mode: 'purge' })).toContain('mode');
  });

  it('refuses a region that is not configured, naming the allowed ones', () => {
    expect(refusal('compliance-evaluation', { regions: ['eu-west-1'] })).toBe(
      'input.regions: eu-west-1 not configured (allowed: us-east-1, us-west-2)',
    );
    expect(
      refusal('contain-instance', { instanceId: 'i-0abc12345def67890', reason: 'why not', region: 'eu-west-1' }),
    ).toContain('input.region');
  });

  it('accepts what the schedules send and the documented requests, defaults applied', () => {
    expect(check('guardduty-hardening', { trigger: 'schedule' })).toEqual({ trigger: 'schedule', dryRun: false });
    expect(check('cost-report', { trigger: 'schedule' })).toEqual({ trigger: 'schedule' });
    expect(check('nightly-cleanup', { trigger: 'schedule' })).toMatchObject({ trigger: 'schedule' });
    expect(check('compliance-evaluation', { regions: ['us-east-1'] })).toEqual({
      regions: ['us-east-1'],
      dryRun: false,
    });
  });

  it('leaves events as AWS delivers them to the playbook that parses them', () => {
    const event = JSON.parse(
      readFileSync(join(projectRoot, 'events/guardduty/ec2-01-backdoor-cc-activity.json'), 'utf8'),
    );
    expect(check('contain-instance', event)).toBe(event);
  });
});
