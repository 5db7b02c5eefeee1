// The contract between the interceptor and the operation handlers under sandbox/services/.
import type { SandboxAccount } from '../account.ts';
import type { RegionState, SandboxState } from '../state.ts';

export interface HandlerContext {
  state: SandboxState;
  /** The region the client was created for. */
  region: string;
  /** state.regions[region], created on first use. */
  regional: RegionState;
  /** The account the call acts in: the home account, or the member whose role the client's credentials assumed. */
  accountId: string;
  /** Who signs the call: the account and the principal ARN (the home operator role, or an assumed-role session). */
  caller: { accountId: string; arn: string };
  /** The sandbox clock (options.now), so tests can age resources deterministically. */
  now(): Date;
  account: SandboxAccount;
  /** 'EC2', 'S3', ... and 'DescribeVolumes', ... (for error messages). */
  service: string;
  operation: string;
}

/**
 * One AWS operation: takes the command input as the SDK client received it and returns the output without
 * $metadata. Records may be returned straight from the state: the interceptor shapes them through the output
 * schema (ISO strings -> Date, unknown members dropped, deep copy). Throw `awsError(code, message)` for AWS errors.
 * Inputs are typed with the SDK's input types in each module; `never` here lets any of them be registered.
 */
export type Handler = (ctx: HandlerContext, input: never) => unknown;

export type Handlers = Record<string, Handler>;
