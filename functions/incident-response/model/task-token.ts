// Completing a waiting task (the alert's acknowledgement link, or an own wait that has nothing to wait for):
// SendTaskSuccess with a small JSON answer. A token whose task is over (answered, timed out, its execution ended)
// is not an error here: AWS answers TaskDoesNotExist / TaskTimedOut / InvalidToken and nobody waits any more.
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';

const GONE = ['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'];

/** True when a task was waiting and got the answer; false when nobody waits on `token` any more. */
export async function completeTask(sfn: SFNClient, token: string, output: Record<string, unknown>): Promise<boolean> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (GONE.includes((error as Error).name)) return false;
    throw error;
  }
}
