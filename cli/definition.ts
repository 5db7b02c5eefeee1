// Prepares a state machine definition from state-machines/ for local execution: Lambda references
// (Fn::GetAtt) become the ARNs serverless.yml deploys, and every Task, Wait and Retry is listed so the
// runner can bind handlers and overrides by state name.
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

export interface TaskBinding {
  state: string;
  functionKey: string;
  /**
   * lambda:invoke service integration (Payload in, {Payload} out) rather than a direct Lambda ARN; itemReader: the
   * S3 ItemReader of a Distributed Map, which aws-local-stepfunctions lacks and the runner supplies (see below).
   */
  integration: 'direct' | 'invoke' | 'waitForTaskToken' | 'itemReader';
}

export interface PreparedDefinition {
  definition: Record<string, unknown>;
  tasks: TaskBinding[];
  waitStates: string[];
  retryStates: string[];
}

type Json = unknown;

export function functionArn(region: string, accountId: string, service: string, stage: string, key: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${service}-${stage}-${key}`;
}

function replaceGetAtt(value: Json, arnOf: (key: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => replaceGetAtt(item, arnOf));
  if (value && typeof value === 'object') {
    const getAtt = (value as Record<string, Json>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return arnOf(String(getAtt[0]));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceGetAtt(item, arnOf)]));
  }
  return value;
}

function functionKeyOf(reference: Json): string | undefined {
  const getAtt = (reference as Record<string, Json> | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) ? String(getAtt[0]) : undefined;
}

function collect(states: Record<string, Record<string, Json>>, into: Omit<PreparedDefinition, 'definition'>): void {
  for (const [name, state] of Object.entries(states)) {
    if (state.Retry) into.retryStates.push(name);
    if (state.Type === 'Wait') into.waitStates.push(name);
    if (state.Type === 'Task') {
      const resource = state.Resource;
      const direct = functionKeyOf(resource);
      if (direct) into.tasks.push({ state: name, functionKey: direct, integration: 'direct' });
      else if (resource === 'arn:aws:states:::s3:getObject' && state.ResultPath === ITEMS_PATH) {
        into.tasks.push({ state: name, functionKey: '', integration: 'itemReader' });
      } else if (typeof resource === 'string' && resource.startsWith(LAMBDA_INVOKE)) {
        const key = functionKeyOf((state.Parameters as Record<string, Json> | undefined)?.FunctionName);
        if (!key) throw new Error(`state "${name}": lambda:invoke needs Parameters.FunctionName as Fn::GetAtt`);
        const integration = resource.endsWith('.waitForTaskToken') ? 'waitForTaskToken' : 'invoke';
        into.tasks.push({ state: name, functionKey: key, integration });
      } else {
        throw new Error(`state "${name}": the local runner only runs Lambda tasks (got ${JSON.stringify(resource)})`);
      }
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, Json>> };
    if (processor?.States) collect(processor.States, into);
    for (const branch of (state.Branches ?? []) as { States: Record<string, Record<string, Json>> }[]) {
      collect(branch.States, into);
    }
  }
}

/** The items of a Map whose ItemReader the runner reads; the state it adds is named after the Map. */
export const ITEMS_PATH = '$.__itemReaderItems';
const readerStateOf = (mapState: string) => `${mapState} (ItemReader)`;

/**
 * A Distributed Map's ItemReader (items in an S3 object) becomes, for the local run only, a Task just before the
 * Map that reads the object (its Parameters evaluated against the Map's input, as the ItemReader's are) and hands
 * the items to the Map through ItemsPath. The definition deployed keeps its ItemReader; nothing else changes.
 */
function supplyItemReaders(states: Record<string, Record<string, Json>>): void {
  for (const [name, state] of Object.entries(states)) {
    const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, Json>> };
    if (processor?.States) supplyItemReaders(processor.States);
    for (const branch of (state.Branches ?? []) as { States: Record<string, Record<string, Json>> }[]) {
      supplyItemReaders(branch.States);
    }
    const reader = state.ItemReader as { Resource?: string; Parameters?: Json; ReaderConfig?: { InputType?: string } };
    if (state.Type !== 'Map' || !reader) continue;
    if (reader.Resource !== 'arn:aws:states:::s3:getObject' || (reader.ReaderConfig?.InputType ?? 'JSON') !== 'JSON') {
      throw new Error(`state "${name}": the local runner reads ItemReader s3:getObject of JSON only`);
    }
    const readerState = readerStateOf(name);
    for (const other of Object.values(states)) if (other.Next === name) other.Next = readerState;
    for (const other of Object.values(states)) {
      for (const catcher of (other.Catch ?? []) as { Next?: string }[])
        if (catcher.Next === name) catcher.Next = readerState;
    }
    states[readerState] = {
      Type: 'Task',
      Resource: reader.Resource,
      Parameters: reader.Parameters,
      ResultPath: ITEMS_PATH,
      Next: name,
    };
    delete state.ItemReader;
    state.ItemsPath = ITEMS_PATH;
  }
}

export function prepareDefinition(raw: Record<string, unknown>, arnOf: (key: string) => string): PreparedDefinition {
  const found: Omit<PreparedDefinition, 'definition'> = { tasks: [], waitStates: [], retryStates: [] };
  const local = structuredClone(raw);
  const start = local.StartAt as string;
  supplyItemReaders(local.States as Record<string, Record<string, Json>>);
  if ((local.States as Record<string, Json>)[readerStateOf(start)]) local.StartAt = readerStateOf(start);
  raw = local;
  collect(raw.States as Record<string, Record<string, Json>>, found);
  const names = [...found.tasks.map((task) => task.state), ...found.waitStates];
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`state name "${duplicate}" is used twice: state names must be unique`);
  return { definition: replaceGetAtt(structuredClone(raw), arnOf) as Record<string, unknown>, ...found };
}
