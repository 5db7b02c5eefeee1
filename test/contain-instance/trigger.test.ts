import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchingPlaybooks } from '../../cli/route.ts';
import { parseContainInput } from '../../functions/contain-instance/gate/input.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { serviceDeclaration } from '../../serverless/service.ts';
import { devConfig, sampleEvent } from '../support/instance.ts';

const config = loadStageConfig({ stage: 'dev' });
const service = serviceDeclaration(config, 'dev');
const dir = join(projectRoot, 'events/guardduty');
const playbooksFor = (event: Record<string, unknown>) => matchingPlaybooks(service, event).map((m) => m.playbook);

describe('contain-instance trigger (the EventBridge rule serverless.yml deploys)', () => {
  it.each([
    'ec2-01-backdoor-cc-activity',
    'ec2-02-backdoor-cc-activity-repeat',
    'ec2-03-cryptocurrency-bitcoin-tool',
    'ec2-04-trojan-dns-exfiltration',
    'ec2-05-unauthorized-access-tor-client',
    'ec2-06-impact-malicious-domain',
    'ec2-07-execution-malicious-file',
    'ec2-08-runtime-cryptominer-process',
    'sample-01-ec2-backdoor-cc-activity',
  ])('starts contain-instance for %s', (name) => {
    expect(playbooksFor(sampleEvent(name))).toEqual(['contain-instance']);
  });

  it('covers every configured family with a sample event', () => {
    const types = readdirSync(dir)
      .filter((name) => name.startsWith('ec2-'))
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')).detail.type as string);
    for (const condition of config.playbooks.containInstance.findingTypes) {
      const family = 'prefix' in condition ? condition.prefix : condition.wildcard;
      expect(
        types.some((type) => ('prefix' in condition ? type.startsWith(condition.prefix) : type.includes(':Runtime/'))),
        family,
      ).toBe(true);
    }
  });

  it('does not start for a finding below the severity threshold', () => {
    expect(playbooksFor(sampleEvent('ec2-09-low-severity-ssh-brute-force'))).toEqual([]);
  });

  it('does not start for credential findings (resource AccessKey)', () => {
    const credentialEvents = readdirSync(dir).filter((name) => name.startsWith('iam-'));
    for (const name of credentialEvents) {
      expect(playbooksFor(JSON.parse(readFileSync(join(dir, name), 'utf8')))).not.toContain('contain-instance');
    }
  });

  it('follows the configured threshold and families', () => {
    const stricter = devConfig((c) => {
      c.playbooks.containInstance.minSeverity = 8.5;
      c.playbooks.containInstance.findingTypes = [{ prefix: 'Backdoor:EC2/' }];
    });
    const rules = serviceDeclaration(stricter, 'dev');
    const start = (name: string) => matchingPlaybooks(rules, sampleEvent(name)).map((m) => m.playbook);
    expect(start('ec2-08-runtime-cryptominer-process')).toEqual([]);
    const strong = sampleEvent('ec2-01-backdoor-cc-activity');
    strong.detail.severity = 8.7;
    expect(matchingPlaybooks(rules, strong).map((m) => m.playbook)).toEqual(['contain-instance']);
  });
});

describe('contain-instance input checks (also for runs started by hand with an event)', () => {
  it('skips a finding the rule would not have matched, saying why', () => {
    const low = parseContainInput(sampleEvent('ec2-09-low-severity-ssh-brute-force'), config, '123456789012');
    expect(low).toMatchObject({ kind: 'not-matched', why: 'severity 2 below 7' });
    const archived = sampleEvent('ec2-01-backdoor-cc-activity');
    archived.detail.service.archived = true;
    expect(parseContainInput(archived, config, '123456789012')).toMatchObject({
      kind: 'not-matched',
      why: 'the finding is archived',
    });
  });

  it('derives the same case id for repeats of a finding and for the same request by hand', () => {
    const first = parseContainInput(sampleEvent('ec2-01-backdoor-cc-activity'), config, '123456789012');
    const repeat = parseContainInput(sampleEvent('ec2-02-backdoor-cc-activity-repeat'), config, '123456789012');
    expect(first.case.caseId).toBe(repeat.case.caseId);
    const byHand = { instanceId: 'i-01a10000000000003', reason: 'SOC ticket SEC-1' };
    expect(parseContainInput(byHand, config, '123456789012').case.caseId).toBe(
      parseContainInput({ ...byHand }, config, '123456789012').case.caseId,
    );
    expect(parseContainInput(byHand, config, '123456789012').case.caseId).not.toBe(first.case.caseId);
  });

  it('refuses a region that is not configured', () => {
    expect(() =>
      parseContainInput(
        { instanceId: 'i-01a10000000000003', reason: 'x-region', region: 'eu-west-1' },
        config,
        '123456789012',
      ),
    ).toThrow(/region eu-west-1 is not configured/);
  });
});
