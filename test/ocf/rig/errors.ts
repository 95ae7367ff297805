/** Stable codes of everything the Pacemaker test rig refuses or reports. */
export type RigErrorCode =
  | 'RIG_NOT_ROOT'
  | 'RIG_MISSING_TOOL'
  | 'RIG_BAD_INPUT'
  | 'RIG_START_FAILED'
  | 'RIG_NODE_DOWN'
  | 'RIG_COMMAND_FAILED'
  | 'RIG_BAD_XML'
  | 'RIG_WAIT_TIMEOUT'
  | 'RIG_STOP_FAILED';

/** Base class: `code` is stable, the message says what was wrong and what to do. */
export class RigError extends Error {
  readonly code: RigErrorCode;

  constructor(code: RigErrorCode, message: string) {
    super(message);
    this.name = 'RigError';
    this.code = code;
  }
}
