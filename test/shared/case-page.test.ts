import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../functions/shared/audit/audit.ts';
import { casePage } from '../../functions/shared/instance/render.ts';

const record = (detail: Record<string, unknown>): AuditRecord => ({
  account: '123456789012',
  playbook: 'contain-instance',
  executionId: 'arn:aws:states:us-east-1:123456789012:execution:contain:case-1',
  region: 'us-east-1',
  time: '2026-11-30T10:00:00.000Z',
  action: 'ec2:ModifyNetworkInterfaceAttribute',
  resource: 'eni-0a1b2c3d4e5f60718',
  outcome: 'done',
  detail,
});

describe('the case report (contain, release)', () => {
  it('shows each detail as a key and a readable value that wraps, never as raw JSON', () => {
    const html = casePage('Containment of i-0abc', 'Contained.', {}, [
      record({ groupIds: ['sg-0aaa', 'sg-0bbb'], previous: { groups: ['sg-0ccc'] }, note: '<b>tag</b>' }),
    ]);

    expect(html).toContain('<div><b>groupIds</b>: sg-0aaa, sg-0bbb</div>');
    expect(html).toContain('<div><b>previous</b>: groups=sg-0ccc</div>');
    expect(html).toContain('<div><b>note</b>: &lt;b&gt;tag&lt;/b&gt;</div>');
    expect(html).toContain('class="long"');
    expect(html).not.toContain('&quot;');
  });

  it('lets long facts (evidence URIs, release commands) wrap', () => {
    const html = casePage('Containment of i-0abc', 'Contained.', { Release: `autopilot run ${'x'.repeat(200)}` }, []);

    expect(html).toContain(`<tr><th>Release</th><td class="long">autopilot run ${'x'.repeat(200)}</td></tr>`);
  });

  it('says there were no actions rather than showing an empty table', () => {
    const html = casePage('contain-instance refused its input', 'Nothing was changed', {}, []);

    expect(html).toContain('<h2>Actions</h2>\n<p>None.</p>');
  });
});
