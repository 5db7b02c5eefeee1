// Step Functions StartExecution and SendTaskSuccess. The sandbox keeps the account's state machines (seeded from
// estate/stepfunctions.yaml) and the executions started on them, but never runs them (the CLI runs playbooks
// itself). StartExecution follows the Standard-workflow rules: an execution name is unique per state machine; the
// same name and input while it runs answers that execution (idempotent), anything else ExecutionAlreadyExists.
// Task tokens are issued by whoever runs the state machine, so the sandbox takes a well-formed token as a waiting
// task the first time it is answered; a token answered before is over (TaskTimedOut, as AWS says for a task that
// no longer exists).
import type { SendTaskSuccessInput, StartExecutionInput } from '@aws-sdk/client-sfn';
import { awsError } from '../../errors.ts';
import type { RegionState } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

type StepFunctionsState = NonNullable<RegionState['stepFunctions']>;

function stepFunctionsOf(ctx: HandlerContext): StepFunctionsState {
  ctx.regional.stepFunctions ??= { stateMachines: [], closedTokens: [] };
  return ctx.regional.stepFunctions;
}

/** Step Functions' naming rule: 1-80 characters, no white space, brackets, wildcards or the listed specials. */
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const hasControl = (name: string) =>
  [...name].some((char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) <= 0x9f));

function startExecution(ctx: HandlerContext, input: StartExecutionInput) {
  const machine = stepFunctionsOf(ctx).stateMachines.find((m) => m.stateMachineArn === input.stateMachineArn);
  if (!machine) throw awsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${input.stateMachineArn}'`);
  const name = input.name ?? ctx.account.newUuid();
  if (!name.length || name.length > 80 || INVALID_NAME.test(name) || hasControl(name))
    throw awsError('InvalidName', `Invalid Name: '${name}'`);
  const text = input.input ?? '{}';
  try {
    JSON.parse(text);
  } catch {
    throw awsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${text.slice(0, 80)}'`);
  }
  const existing = machine.executions.find((execution) => execution.name === name);
  if (existing) {
    if (existing.input === text && existing.status === 'RUNNING') {
      return { executionArn: existing.executionArn, startDate: existing.startDate };
    }
    throw awsError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
  }
  const executionArn = `${machine.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  const startDate = ctx.now().toISOString();
  machine.executions.push({ name, executionArn, input: text, startDate, status: 'RUNNING' });
  return { executionArn, startDate };
}

function sendTaskSuccess(ctx: HandlerContext, input: SendTaskSuccessInput) {
  const token = input.taskToken ?? '';
  if (!token.length || token.length > 2048) throw awsError('InvalidToken', 'Invalid Token');
  try {
    JSON.parse(input.output ?? '');
  } catch {
    throw awsError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
  }
  const state = stepFunctionsOf(ctx);
  if (state.closedTokens.includes(token)) {
    throw awsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }
  state.closedTokens.push(token);
  return {};
}

export const executionHandlers: Handlers = { StartExecution: startExecution, SendTaskSuccess: sendTaskSuccess };
