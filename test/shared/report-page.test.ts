// Every HTML report reads at 1280 px: long tokens (ARNs, error causes) wrap where a report marks them, and no
// other cell is squeezed letter by letter.
import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../functions/shared/reports/html.ts';

describe('the page every HTML report is built on', () => {
  it('wraps long words anywhere in cells marked long and keeps cells marked nowrap on one line', () => {
    const html = htmlPage('A report', '<table><tr><td class="long">x</td></tr></table>');

    expect(html).toMatch(/\.long\{[^}]*overflow-wrap:anywhere/);
    expect(html).toMatch(/\.nowrap\{[^}]*white-space:nowrap/);
  });

  it('does not let every cell break anywhere (a squeezed column read "comple ted")', () => {
    const html = htmlPage('A report', '');

    expect(html).not.toMatch(/(^|[},])\s*(td|th|table|body)[^{]*\{[^}]*overflow-wrap:anywhere/m);
  });
});
