// The actions table of the case reports (contain, release) and of revoke-credentials: each audit record's detail as
// short `key: value` lines, nested values in words, never JSON (raw JSON overflowed a 1280 px page).
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../functions/shared/audit/audit.ts';
import { actionsTable } from '../../functions/shared/reports/actions.ts';

const record = (detail: Record<string, unknown>, resource = 'eni-0a1b2c3d4e5f60718'): AuditRecord => ({
  account: '123456789012',
  playbook: 'contain-instance',
  executionId: 'arn:aws:states:us-east-1:123456789012:execution:contain:case-1',
  region: 'us-east-1',
  time: '2026-11-30T10:00:00.000Z',
  action: 'ec2:ModifyNetworkInterfaceAttribute',
  resource,
  outcome: 'done',
  detail,
});

describe('the actions table', () => {
  it('shows a change as "from → to" and nested objects as key=value, never as JSON', () => {
    const html = actionsTable([
      record({
        disableApiTermination: { from: false, to: true },
        groups: { from: ['sg-0ccc'], to: ['sg-0aaa', 'sg-0bbb'] },
        snapshots: [{ snapshotId: 'snap-1', volumeId: 'vol-1' }],
        tags: { 'autopilot:case': 'case-1', 'autopilot:case-state': 'released' },
        previous: null,
      }),
    ]);

    expect(html).toContain('<div><b>disableApiTermination</b>: false → true</div>');
    expect(html).toContain('<div><b>groups</b>: sg-0ccc → sg-0aaa, sg-0bbb</div>');
    expect(html).toContain('<div><b>snapshots</b>: (snapshotId=snap-1, volumeId=vol-1)</div>');
    expect(html).toContain('<div><b>tags</b>: autopilot:case=case-1, autopilot:case-state=released</div>');
    expect(html).toContain('<div><b>previous</b>: none</div>');
    expect(html).not.toMatch(/[{}[\]]|&quot;/);
  });

  it('shows a change whose one side is unknown as "set to" or "was", never as to=', () => {
    const html = actionsTable([record({ deleteOnTermination: { to: true }, state: { from: 'running' } })]);

    expect(html).toContain('<div><b>deleteOnTermination</b>: set to true</div>');
    expect(html).toContain('<div><b>state</b>: was running</div>');
  });

  it('escapes what the account wrote (tags, names) and joins plain lists', () => {
    const html = actionsTable([record({ groupIds: ['sg-0aaa', 'sg-0bbb'], note: '<b>tag</b>' })]);

    expect(html).toContain('<div><b>groupIds</b>: sg-0aaa, sg-0bbb</div>');
    expect(html).toContain('<div><b>note</b>: &lt;b&gt;tag&lt;/b&gt;</div>');
  });

  it('lets the resource and the detail wrap anywhere and keeps the time on one line', () => {
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/idp-api-blue/1a2b3c4d5e6f7a8b';
    const html = actionsTable([record({ target: 'x' }, arn)]);

    expect(html).toContain('<td class="nowrap">2026-11-30T10:00:00.000Z</td>');
    expect(html).toContain(`<td class="long">${arn}</td>`);
    expect(html).toContain('<td class="long"><div><b>target</b>: x</div></td>');
  });

  it('says "None." rather than showing an empty table', () => {
    expect(actionsTable([])).toBe('<p>None.</p>');
  });
});
