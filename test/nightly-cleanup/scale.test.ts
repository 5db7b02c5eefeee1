// An account with 100,000 snapshots, 10,000 volumes and 1,000 Elastic IPs in a region stays within Lambda and
// Step Functions limits: paginated listing, plans in S3, small payloads, bounded memory.
import { describe, expect, it } from 'vitest';
import { runCleanupAtScale, type ScaleRun } from '../../bench/cleanup-scale.ts';

const KB = 1024;
let run: ScaleRun | undefined;
const scaleRun = async () => (run ??= await runCleanupAtScale(undefined, 'mark'));

describe('nightly-cleanup at scale (one region: 100,000 snapshots, 10,000 volumes, 1,000 Elastic IPs)', () => {
  it('plans the region with paginated listing at EC2 page sizes', { timeout: 300_000 }, async () => {
    const { steps, resources, estate } = await scaleRun();
    const plan = steps[0];
    expect(resources).toBe(111_000);
    expect(estate).toEqual({ volume: 10_000, snapshot: 100_000, address: 1_000 });
    // 100 snapshot pages of 1,000, 20 volume pages of 500, AMIs, launch templates (one call per template), addresses.
    expect(plan.awsCalls).toBeLessThan(400);
    // Our own compute, without the time AWS takes to answer, is well inside the function's 600 s timeout.
    expect(plan.ownMs).toBeLessThan(60_000);
    expect(plan.peakHeapMb).toBeLessThan(512);
  });

  it('passes only keys and counts through the state machine, far below the 256 KB payload limit', async () => {
    const { steps, stateBytes, planFileKb } = await scaleRun();
    for (const step of steps) expect(step.outputBytes, step.step).toBeLessThan(16 * KB);
    expect(stateBytes).toBeLessThan(32 * KB);
    // The plan itself is large and lives in S3.
    expect(planFileKb).toBeGreaterThan(256);
  });

  it('marks no more than the safety cap allows and writes the report', async () => {
    const { output } = await scaleRun();
    expect(output.gate).toMatchObject({ stopped: false });
    expect(Number(output.gate.marks)).toBeLessThanOrEqual(100);
    expect(output.report).toMatchObject({ status: 'completed' });
  });
});
