import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { serviceDeclaration } from '../../serverless/service.ts';

const root = join(import.meta.dirname, '..', '..');

describe('npm start', () => {
  it('replays the sample events, schedules and manual cases into a fresh sandbox and exits 0', async () => {
    const work = mkdtempSync(join(tmpdir(), 'autopilot-start-'));
    const env = {
      ...process.env,
      AUTOPILOT_SANDBOX_FILE: join(work, 'sandbox.json'),
      AUTOPILOT_OUT_DIR: join(work, 'out'),
    };
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/node'), [join(root, 'cli/start.ts')], {
      cwd: root,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });

    const playbooks = serviceDeclaration(loadStageConfig({ stage: 'dev' }), 'dev').stateMachines.map((m) => m.playbook);
    for (const playbook of playbooks) expect(stdout).toMatch(new RegExp(`━ .*(→ |by hand: )${playbook}\\b`));
    // Cases that show a refusal expect FAILED; only an unexpected outcome is marked '(expected …)'.
    expect(stdout).not.toContain('(expected ');
    expect(existsSync(join(work, 'sandbox.json'))).toBe(true);
    expect(readdirSync(join(work, 'out'))).toEqual(expect.arrayContaining(['s3', 'sns']));
    // The closing summary: a refusal that was expected reads as one, never as a ticked failure.
    const summary = stdout.slice(stdout.lastIndexOf('━ summary'));
    expect(summary).not.toContain('✔ FAILED');
    expect(summary).toContain('refused as expected');
    // Every report it mentions is a file under out/ a newcomer can open.
    const reports = [...stdout.matchAll(/report: (\S+)/g)].map((match) => match[1]);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(existsSync(resolve(root, report))).toBe(true);
  }, 300_000);
});
