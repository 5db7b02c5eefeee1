// Gathers what the run left in its work files (targets' results, plans, the gate's decision, batches with their
// results): whatever exists, so a failed run still reports what it planned and what it did.
import { readResults } from '../../shared/fanout/results.ts';
import { resultsPrefix, type TargetResult } from '../../shared/fanout/targets.ts';
import { mapLimit } from '../model/concurrency.ts';
import { type Batch, type GateDecision, PLAYBOOK, type RegionPlan, type TargetPlanned } from '../model/model.ts';
import { gateKey, type WorkStore, workPrefix } from '../model/work.ts';
import { getJson, getJsonIfExists } from '../model/work-get.ts';
import { listKeys } from '../model/work-list.ts';

export interface RunFiles {
  targets: TargetResult<TargetPlanned>[];
  plans: RegionPlan[];
  gate?: GateDecision;
  batches: Batch[];
}

/** Objects read at a time (a run may have 1,000 accounts x 17 regions). */
const CONCURRENCY = 16;

/** Everything under work/nightly-cleanup/<execution>/ the report needs. Throws what S3 throws (missing gate: none). */
export async function collectRun(store: WorkStore, executionName: string): Promise<RunFiles> {
  const prefix = workPrefix(executionName);
  const read = async <T>(keys: string[]) =>
    (await mapLimit(keys, CONCURRENCY, (key) => getJson<T>(store, key))).filter((value): value is T => !!value);
  return {
    targets: await readResults<TargetPlanned>(store.s3, store.bucket, resultsPrefix(PLAYBOOK, executionName)),
    plans: await read<RegionPlan>(await listKeys(store, `${prefix}plans/`)),
    gate: await getJsonIfExists<GateDecision>(store, gateKey(executionName)),
    batches: await read<Batch>(await listKeys(store, `${prefix}batches/`)),
  };
}
