// What starts revoke-credentials: the sample events (their format and the rule they meet) and the input parser.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchingPlaybooks } from '../../cli/route.ts';
import { loadPlaybooks } from '../../cli/runner.ts';
import { parseRevokeInput } from '../../functions/revoke-credentials/assess/input.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { findingFamily, parseGuardDutyFindingEvent } from '../../functions/shared/guardduty/finding.ts';
import { sampleEvent } from '../support/credentials.ts';

const { config, service } = loadPlaybooks({ stage: 'dev' });
const names = readdirSync(join(projectRoot, 'events/guardduty'))
  .filter((name) => name.startsWith('iam-'))
  .map((name) => name.replace(/\.json$/, ''));
const startsRevoke = (name: string) =>
  matchingPlaybooks(service, sampleEvent(name)).some((machine) => machine.playbook === 'revoke-credentials');

describe('the GuardDuty sample events for revoke-credentials', () => {
  it.each(names)('%s is a GuardDuty finding event as EventBridge delivers it (camelCase detail)', (name) => {
    const event = sampleEvent(name);
    expect(Object.keys(event)).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
    const parsed = parseGuardDutyFindingEvent(event);
    expect(parsed.detail.resource.resourceType).toBe('AccessKey');
    expect(parsed.detail.resource.accessKeyDetails?.userName).toBeTruthy();
  });

  it('cover every configured trigger family, and the rule starts revoke-credentials for each', () => {
    const matching = names.filter(startsRevoke).map((name) => sampleEvent(name).detail.type as string);
    const families = new Set(matching.map((type) => `${findingFamily(type)}/`));
    expect([...families].sort()).toEqual(
      config.playbooks.revokeCredentials.findingTypes.map((type) => type.prefix).sort(),
    );
  });

  it('a low-severity finding does not match the rule', () => {
    const low = sampleEvent('iam-10-discovery-low-severity');
    expect(low.detail.severity).toBeLessThan(config.playbooks.revokeCredentials.minSeverity);
    expect(startsRevoke('iam-10-discovery-low-severity')).toBe(false);
  });

  it('the repeat is the same finding seen more often, and also matches', () => {
    const first = sampleEvent('iam-02-credential-access-anomalous');
    const repeat = sampleEvent('iam-03-credential-access-anomalous-repeat');
    expect(repeat.id).not.toBe(first.id);
    expect(repeat.detail.id).toBe(first.detail.id);
    expect(repeat.detail.service.count).toBeGreaterThan(first.detail.service.count);
    expect(Date.parse(repeat.detail.service.eventLastSeen)).toBeGreaterThan(
      Date.parse(first.detail.service.eventLastSeen),
    );
    expect(startsRevoke('iam-03-credential-access-anomalous-repeat')).toBe(true);
  });

  it('include a GuardDuty sample finding, a root finding and temporary credentials of an assumed role', () => {
    const details = names.map((name) => sampleEvent(name).detail);
    expect(details.some((detail) => detail.service.additionalInfo.sample === true)).toBe(true);
    expect(details.some((detail) => detail.resource.accessKeyDetails.userType === 'Root')).toBe(true);
    expect(
      details.some(
        (d) =>
          d.resource.accessKeyDetails.userType === 'AssumedRole' &&
          d.resource.accessKeyDetails.accessKeyId.startsWith('ASIA'),
      ),
    ).toBe(true);
  });
});

describe('parsing the revoke-credentials input', () => {
  it('reads a finding: who, which key, how bad, how often', () => {
    const request = parseRevokeInput(sampleEvent('iam-03-credential-access-anomalous-repeat'), 'deactivate');
    expect(request).toMatchObject({
      source: 'finding',
      mode: 'deactivate',
      principal: { userType: 'IAMUser', userName: 'deploy-bot', accessKeyId: 'AKIASANDBOXDEPLOY002' },
      finding: {
        type: 'CredentialAccess:IAMUser/AnomalousBehavior',
        severity: 5,
        count: 4,
        api: 'GetSecretValue',
        sample: false,
      },
    });
  });

  it('uses the configured mode for a long-term key, but never rotates temporary credentials by default', () => {
    expect(parseRevokeInput(sampleEvent('iam-02-credential-access-anomalous'), 'rotate').mode).toBe('rotate');
    expect(parseRevokeInput({ userName: 'alice', accessKeyId: 'ASIASANDBOXALICE0001' }, 'rotate').mode).toBe(
      'deactivate',
    );
  });

  it.each([
    [{ userName: 'alice', roleName: 'x' }, 'exactly one of userName'],
    [{ accessKeyId: 'AKIASANDBOXALICE0001' }, 'exactly one of userName'],
    [{ userName: 'alice', accessKeyId: 'not-a-key' }, 'input.accessKeyId'],
    [{ roleName: 'idp-api-gateway-role', accessKeyId: 'AKIASANDBOXALICE0001' }, 'roles only have temporary keys'],
    [{ userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001', mode: 'delete' }, 'input.mode'],
  ])('rejects %j', (input, message) => {
    expect(() => parseRevokeInput(input, 'deactivate')).toThrow(message);
  });

  it('rejects an assumed role that GuardDuty reports with a long-term key', () => {
    const event = sampleEvent('iam-11-instance-credential-exfiltration');
    event.detail.resource.accessKeyDetails.accessKeyId = 'AKIASANDBOXAPIGW0001';
    expect(() => parseRevokeInput(event, 'deactivate')).toThrow('an AssumedRole with a long-term key');
  });
});
