import { describe, expect, it } from 'vitest';
import { matchingPlaybooks } from '../../cli/route.ts';
import { classify, notHandledBecause } from '../../functions/incident-response/model/classify.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { serviceDeclaration } from '../../serverless/service.ts';
import { ALARM, auditEvent, COMPOSITE, MATH, MEMORY_INSUFFICIENT, OK, OTHER, sampleEvent } from './support.ts';

const config = loadStageConfig({ stage: 'dev' });
const service = serviceDeclaration(config, 'dev');
const playbooksFor = (event: Record<string, unknown>, decl = service) =>
  matchingPlaybooks(decl, event).map((m) => m.playbook);
const settings = config.playbooks.incidentResponse;

describe('incident-response trigger', () => {
  it('starts on ALARM, OK and INSUFFICIENT_DATA of metric, metric-math and composite alarms under the prefixes', () => {
    for (const name of [ALARM, OK, MEMORY_INSUFFICIENT, COMPOSITE, MATH]) {
      expect(playbooksFor(sampleEvent(name)), name).toEqual(['incident-response']);
    }
  });

  it('does not start for an alarm outside the prefixes', () => {
    expect(playbooksFor(sampleEvent(OTHER))).toEqual([]);
  });

  it('takes every alarm once tags are configured (the first step reads the tags), and keeps only tagged ones', () => {
    const tagged = structuredClone(config);
    tagged.playbooks.incidentResponse.alarmTags = { team: 'idp' };
    expect(playbooksFor(sampleEvent(OTHER), serviceDeclaration(tagged, 'dev'))).toEqual(['incident-response']);
    const block = tagged.playbooks.incidentResponse;
    expect(notHandledBecause('legacy-billing-export-errors', { team: 'idp' }, block)).toBeUndefined();
    expect(notHandledBecause('legacy-billing-export-errors', { team: 'billing' }, block)).toContain('none of the');
  });

  it("journals autopilot's own done actions from the audit trail, never its own or dry runs", () => {
    expect(playbooksFor(auditEvent())).toEqual(['incident-response']);
    const own = auditEvent();
    own.detail.playbook = 'incident-response';
    expect(playbooksFor(own)).toEqual([]);
    const dry = auditEvent();
    dry.detail.outcome = 'dry-run';
    expect(playbooksFor(dry)).toEqual([]);
  });

  it('leaves its own alarms to the topic (a failing incident path never feeds itself), and handles the others', () => {
    expect(notHandledBecause('idp-autopilot-prod-incident-response-ExecutionsFailed', {}, settings)).toContain(
      'ignoreAlarmNames',
    );
    expect(notHandledBecause('idp-autopilot-prod-incidentCheck-errors', {}, settings)).toContain('ignoreAlarmNames');
    expect(notHandledBecause('idp-autopilot-prod-contain-instance-ExecutionsFailed', {}, settings)).toBeUndefined();
    expect(notHandledBecause('idp-autopilot-prod-cleanupApplyBatch-errors', {}, settings)).toBeUndefined();
  });

  it("takes the severity from the alarm's severity tag, else the first matching name pattern, else the default", () => {
    expect(classify('idp-prod-api-5xx', { severity: 'SEV1' }, settings)).toMatchObject({ severity: 'SEV1' });
    expect(classify('idp-prod-api-5xx', {}, settings)).toMatchObject({
      severity: 'SEV2',
      because: 'severityByName pattern "idp-prod-*"',
    });
    expect(classify('idp-autopilot-prod-contain-instance-ExecutionsFailed', {}, settings).severity).toBe('SEV2');
    expect(classify('idp-autopilot-prod-cleanupApplyBatch-errors', {}, settings).severity).toBe('SEV3');
    expect(classify('idp-dev-queue-depth', { severity: 'urgent' }, { ...settings, defaultSeverity: 'SEV4' })).toEqual({
      severity: 'SEV4',
      because: 'the default severity',
    });
  });
});
