import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { InvalidInputError } from '../../functions/shared/errors/errors.ts';
import {
  findingFamily,
  incidentSeverity,
  isSampleFinding,
  matchesTypeCondition,
  parseGuardDutyFindingEvent,
  severityLabel,
} from '../../functions/shared/guardduty/finding.ts';

const dir = join(projectRoot, 'events/guardduty');
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const ec2Events = readdirSync(dir).filter((name) => /^(ec2|sample)-.*\.json$/.test(name));

describe('GuardDuty finding event parser', () => {
  it.each(ec2Events)('parses %s as EventBridge delivers it', (name) => {
    const event = parseGuardDutyFindingEvent(load(name));
    expect(event['detail-type']).toBe('GuardDuty Finding');
    expect(event.detail.resource.resourceType).toBe('Instance');
    expect(event.detail.resource.instanceDetails?.instanceId).toMatch(/^i-/);
    expect(event.detail.service.count).toBeGreaterThanOrEqual(1);
  });

  it('reads resource.accessKeyDetails for the credential playbooks', () => {
    const event = parseGuardDutyFindingEvent(load('iam-01-unauthorized-access-malicious-ip.json'));
    expect(event.detail.resource.accessKeyDetails).toMatchObject({ userName: 'alice', userType: 'IAMUser' });
  });

  it('keeps members it does not model (the finding is evidence)', () => {
    const event = parseGuardDutyFindingEvent(load('ec2-01-backdoor-cc-activity.json'));
    expect((event.detail.service as Record<string, unknown>).action).toMatchObject({ actionType: 'DNS_REQUEST' });
    expect(event.detail.resource.instanceDetails?.networkInterfaces?.[0].securityGroups?.[0].groupId).toBe(
      'sg-01c10000000000002',
    );
  });

  it('names every malformed member', () => {
    const event = load('ec2-01-backdoor-cc-activity.json');
    delete event.detail.id;
    event.detail.severity = '8';
    event.detail.resource = {};
    const error = (() => {
      try {
        parseGuardDutyFindingEvent(event);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error?.message).toContain('event.detail.id');
    expect(error?.message).toContain('event.detail.severity');
    expect(error?.message).toContain('event.detail.resource.resourceType');
  });

  it('refuses an event of another source or detail type', () => {
    expect(() =>
      parseGuardDutyFindingEvent({ ...load('ec2-01-backdoor-cc-activity.json'), source: 'aws.ec2' }),
    ).toThrow(InvalidInputError);
  });
});

describe('GuardDuty finding helpers', () => {
  it('recognises sample findings in both additionalInfo shapes', () => {
    const sample = parseGuardDutyFindingEvent(load('sample-01-ec2-backdoor-cc-activity.json')).detail;
    const real = parseGuardDutyFindingEvent(load('ec2-01-backdoor-cc-activity.json')).detail;
    expect(isSampleFinding(sample)).toBe(true);
    expect(isSampleFinding(real)).toBe(false);
    const newer = {
      ...real,
      service: { ...real.service, additionalInfo: { value: '{"sample":true}', type: 'default' } },
    };
    expect(isSampleFinding(newer)).toBe(true);
  });

  it('maps GuardDuty severity bands to the runbook SEV levels', () => {
    expect([9.5, 9, 8.9, 7, 6.9, 4, 3.9, 1].map((s) => `${severityLabel(s)}/${incidentSeverity(s)}`)).toEqual([
      'Critical/SEV1',
      'Critical/SEV1',
      'High/SEV2',
      'High/SEV2',
      'Medium/SEV3',
      'Medium/SEV3',
      'Low/SEV4',
      'Low/SEV4',
    ]);
  });

  it('matches finding types like the EventBridge rule (prefix per family, wildcard for Runtime)', () => {
    expect(findingFamily('Backdoor:EC2/C&CActivity.B!DNS')).toBe('Backdoor:EC2');
    expect(matchesTypeCondition('Backdoor:EC2/C&CActivity.B!DNS', { prefix: 'Backdoor:EC2/' })).toBe(true);
    expect(matchesTypeCondition('Backdoor:Runtime/C&CActivity.B', { prefix: 'Backdoor:EC2/' })).toBe(false);
    expect(matchesTypeCondition('CryptoCurrency:Runtime/BitcoinTool.B', { wildcard: '*:Runtime/*' })).toBe(true);
    expect(matchesTypeCondition('CryptoCurrency:EC2/BitcoinTool.B', { wildcard: '*:Runtime/*' })).toBe(false);
  });
});
