// nightly-cleanup at scale: one region holding 100,000 snapshots, 10,000 volumes and 1,000 Elastic IPs (generated,
// see sandbox/estates/cleanup-scale.ts), planned, gated and reported by the real handlers on the sandbox. Measures
// what decides whether it fits Lambda and Step Functions: wall time (split into our own compute and the sandbox's
// answers), peak heap growth, AWS calls, the size of the work files and of every payload the state machine carries.
// Used by `npm run bench` (rows: benchCleanupPlanning()) and test/nightly-cleanup/scale.test.ts (assertions).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { Config } from '../functions/playbooks.ts';
import { loadStageConfig } from '../functions/playbooks.ts';
import { type ObservedCall, observeCalls } from '../functions/shared/aws/clients.ts';
import { projectRoot } from '../functions/shared/config/files.ts';
import { SandboxAccount } from '../sandbox/account.ts';
import { addCleanupScaleEstate, CLEANUP_SCALE, type ScaleEstate } from '../sandbox/estates/cleanup-scale.ts';
import { installSandbox } from '../sandbox/intercept.ts';

export const SCALE_REGION = 'eu-west-1';

export interface StepMeasure {
  step: string;
  wallMs: number;
  /** Time inside AWS calls (here: the sandbox answering them); wallMs minus this is our own compute. */
  awsMs: number;
  ownMs: number;
  awsCalls: number;
  peakHeapMb: number;
  outputBytes: number;
}

export interface ScaleRun {
  resources: number;
  steps: StepMeasure[];
  /** The largest state the state machine would carry between these steps (execution, run, plans, work). */
  stateBytes: number;
  planFileKb: number;
  /** Resources the plan file says the region holds, by type. */
  estate: Record<string, number>;
  output: { plan: Record<string, unknown>; gate: Record<string, unknown>; report: Record<string, unknown> };
}

const LAMBDA_CONTEXT = {
  functionName: 'idp-autopilot-dev-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:idp-autopilot-dev-bench',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 900_000,
} as unknown as Context;

function scaleConfig(): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  config.regions = [...config.regions, SCALE_REGION];
  return config;
}

async function measure(step: string, calls: ObservedCall[], run: () => Promise<unknown>) {
  const firstCall = calls.length;
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  const output = JSON.parse(JSON.stringify(await run())) as Record<string, unknown>;
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const own = calls.slice(firstCall);
  const awsMs = own.reduce((sum, call) => sum + call.durationMs, 0);
  const measured: StepMeasure = {
    step,
    wallMs: Math.round(wallMs),
    awsMs: Math.round(awsMs),
    ownMs: Math.round(wallMs - awsMs),
    awsCalls: own.length,
    peakHeapMb: Math.round((peak - baseline) / 1e5) / 10,
    outputBytes: JSON.stringify(output).length,
  };
  return { measured, output };
}

/** Plans, gates and reports one run (mode report, or mark) over the generated region. */
export async function runCleanupAtScale(
  estate: ScaleEstate = CLEANUP_SCALE,
  mode: 'report' | 'mark' = 'report',
): Promise<ScaleRun> {
  const account = SandboxAccount.fromSeed();
  addCleanupScaleEstate(account, SCALE_REGION, estate);
  const config = scaleConfig();
  const previous = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: config.regions[0],
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    STAGE: 'dev',
    AUTOPILOT_CONFIG: JSON.stringify(config),
    REPORTS_BUCKET: 'idp-autopilot-dev-reports-123456789012',
    NOTIFY_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications',
    AUDIT_BUS_NAME: 'default',
  });
  const calls: ObservedCall[] = [];
  const uninstall = installSandbox(account);
  observeCalls((call) => calls.push(call));
  const handler = async (folder: string) =>
    (await import(pathToFileURL(join(projectRoot, 'functions', folder, 'handler.ts')).href)).handler as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>;
  try {
    const execution = {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:bench:scale',
      Name: `scale-${Date.now()}`,
      StartTime: new Date().toISOString(),
    };
    const run = { mode, regions: [SCALE_REGION], resourceTypes: ['volume', 'snapshot', 'address'], trigger: 'bench' };
    const target = { accountId: account.accountId, accountName: 'home', region: SCALE_REGION };
    const plan = await measure('plan region', calls, async () =>
      (await handler('nightly-cleanup/plan-region'))(
        { execution, target, mode, resourceTypes: run.resourceTypes },
        LAMBDA_CONTEXT,
      ),
    );
    // The gate reads every target's result and plan from S3 (the planning Map's items wrote them).
    const gate = await measure('gate', calls, async () =>
      (await handler('nightly-cleanup/gate'))({ execution, run, exempt: [] }, LAMBDA_CONTEXT),
    );
    const report = await measure('report', calls, async () =>
      (await handler('nightly-cleanup/report'))({ execution, run, outcome: 'completed' }, LAMBDA_CONTEXT),
    );
    const bucket = account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'];
    const planKey = Object.keys(bucket.objects).find((key) => key.includes(`/${execution.Name}/plans/`));
    const planObject = bucket.objects[String(planKey)];
    // What the state machine holds after the gate: every region's plan summary and the gate's work list.
    const state = { execution, run, plans: config.regions.map(() => plan.output), work: gate.output };
    return {
      resources: estate.snapshots + estate.volumes + estate.addresses,
      steps: [plan.measured, gate.measured, report.measured],
      stateBytes: JSON.stringify(state).length,
      planFileKb: Math.round(planObject.ContentLength / 1024),
      estate: JSON.parse(Buffer.from(planObject.BodyBase64, 'base64').toString('utf8')).estate,
      output: { plan: plan.output, gate: gate.output, report: report.output },
    };
  } finally {
    observeCalls(undefined);
    uninstall();
    for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
    Object.assign(process.env, previous);
  }
}

/** Rows for `npm run bench`: one per step of a report-mode run over 111,000 resources in one region. */
export async function benchCleanupPlanning(): Promise<(StepMeasure & { resources: number; stateKb: number })[]> {
  const run = await runCleanupAtScale();
  return run.steps.map((step) => ({
    ...step,
    resources: run.resources,
    stateKb: Math.round(run.stateBytes / 102.4) / 10,
  }));
}
