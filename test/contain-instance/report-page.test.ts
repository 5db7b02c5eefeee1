// The case report a human opens after a containment reads as sentences: no bare decision word under the title.
import { describe, expect, it } from 'vitest';
import { account, bodyOf, contain, objects, sampleEvent } from '../support/instance.ts';

describe("contain-instance's HTML case report", () => {
  it('says under its title what was done, not a stray "contain"', async () => {
    const on = account();
    const result = await contain(on, sampleEvent('ec2-01-backdoor-cc-activity'));
    expect(result.status).toBe('SUCCEEDED');

    const [page] = objects(on, 'reports/contain-instance/').filter((o) => o.Key.endsWith('.html'));
    const html = bodyOf(page);

    expect(html).not.toMatch(/<p>contain<\/p>/);
    expect(html).not.toContain('contained: contain<');
    expect(html).toMatch(/<\/h1>\n<p>i-01a10000000000003 \(idp-api-gateway-3\) in us-east-1 isolated; [^<]+<\/p>/);
    expect(html).toContain(
      '<th>Decision</th><td class="long">contained: no blast-radius risk found: no approval needed</td>',
    );
  });
});
