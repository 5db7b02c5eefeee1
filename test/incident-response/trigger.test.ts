import { describe, expect, it } from 'vitest';
import { matchingPlaybooks } from '../../cli/route.ts';
import { severityOf } from '../../functions/incident-alert/notify/notice.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { serviceDeclaration } from '../../serverless/service.ts';
import { ALARM_FILE, OK_FILE, OTHER_FILE, sampleEvent } from './support.ts';

const config = loadStageConfig({ stage: 'dev' });
const service = serviceDeclaration(config, 'dev');
const playbooksFor = (event: Record<string, unknown>) => matchingPlaybooks(service, event).map((m) => m.playbook);

describe('incident-alert trigger', () => {
  it('starts on ALARM and on OK of an alarm under the configured prefixes', () => {
    expect(playbooksFor(sampleEvent(ALARM_FILE))).toEqual(['incident-alert']);
    expect(playbooksFor(sampleEvent(OK_FILE))).toEqual(['incident-alert']);
  });

  it('does not start for an alarm outside the prefixes', () => {
    expect(playbooksFor(sampleEvent(OTHER_FILE))).toEqual([]);
  });

  it('ignores INSUFFICIENT_DATA', () => {
    const event = sampleEvent(ALARM_FILE);
    event.detail.state.value = 'INSUFFICIENT_DATA';
    expect(playbooksFor(event)).toEqual([]);
  });

  it('follows configured prefixes', () => {
    const custom = structuredClone(config);
    custom.playbooks.incidentAlert.alarmNamePrefixes = [{ prefix: 'legacy-' }];
    const rules = serviceDeclaration(custom, 'dev');
    expect(matchingPlaybooks(rules, sampleEvent(OTHER_FILE)).map((m) => m.playbook)).toEqual(['incident-alert']);
    expect(matchingPlaybooks(rules, sampleEvent(ALARM_FILE))).toEqual([]);
  });

  it('takes the severity of the longest matching prefix, else the default', () => {
    const settings = {
      ...config.playbooks.incidentAlert,
      severityByPrefix: { 'idp-': 'SEV3', 'idp-prod-': 'SEV2', 'idp-prod-db-': 'SEV1' } as const,
    };
    expect(severityOf('idp-prod-db-lag', settings)).toBe('SEV1');
    expect(severityOf('idp-prod-api-5xx', settings)).toBe('SEV2');
    expect(severityOf('idp-dev-api-5xx', settings)).toBe('SEV3');
    expect(severityOf('other', { ...settings, defaultSeverity: 'SEV4' })).toBe('SEV4');
  });
});
