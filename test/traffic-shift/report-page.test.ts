import { describe, expect, it } from 'vitest';
import { renderReport } from '../../functions/traffic-shift/model/report.ts';

describe('the traffic-shift HTML report', () => {
  it('says why a section is empty instead of drawing a table with headers only', () => {
    const { html } = renderReport({
      outcome: 'refused',
      reason: 'green has unhealthy targets',
      actions: [],
      severity: 'SEV3',
    });

    expect(html).not.toMatch(/<\/th><\/tr><\/table>/);
    expect(html).toContain('<p>No smoke test ran.</p>');
    expect(html).toContain('<p>No step was judged.</p>');
    expect(html).toContain('<p>No action was taken.</p>');
  });
});
