// Gathers what the run left in its work files (plans, the gate's decision, batches with their results): whatever
// exists, so a failed run still reports what it planned and what it did.
import type { Batch, GateDecision, RegionPlan } from '../model/model.ts';
import { gateKey, type WorkStore, workPrefix } from '../model/work.ts';
import { getJson, getJsonIfExists } from '../model/work-get.ts';
import { listKeys } from '../model/work-list.ts';

export interface RunFiles {
  plans: RegionPlan[];
  gate?: GateDecision;
  batches: Batch[];
}

export async function collectRun(store: WorkStore, executionName: string): Promise<RunFiles> {
  const prefix = workPrefix(executionName);
  const planKeys = await listKeys(store, `${prefix}plans/`);
  const batchKeys = await listKeys(store, `${prefix}batches/`);
  return {
    plans: await Promise.all(planKeys.map((key) => getJson<RegionPlan>(store, key))),
    gate: await getJsonIfExists<GateDecision>(store, gateKey(executionName)),
    batches: await Promise.all(batchKeys.map((key) => getJson<Batch>(store, key))),
  };
}
