/**
 * The library's answer to a property change, split for the form: its reason lines name the
 * property they are about ("property Port is 70000, out of range; give a value from 1 to
 * 65535", "unknown property Nope; known properties are ..."), so each goes next to its field.
 */
import type { SetAnswer } from '../../cluster/cluster-admin.js';
import type { PowerShellLines, SetPropertiesResult } from './types.js';

const ERROR_SUCCESS = 0;
const ERROR_RESOURCE_PROPERTIES_STORED = 5024;
const PREFIXES = ['property ', 'unknown property ', 'required property '];

/** The property (of `names`) a reason part starts by naming, if any. */
function namedIn(part: string, names: string[]): string | undefined {
  const lower = part.toLowerCase();
  // Longest first, so "Max Size" wins over "Max".
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const n = name.toLowerCase();
    for (const prefix of PREFIXES) {
      const head = prefix + n;
      if (lower === head || lower.startsWith(`${head} `) || lower.startsWith(`${head},`))
        return name;
    }
  }
  return undefined;
}

/**
 * Splits `reason` (the library's cluster-log lines joined with "; ") into per-property texts:
 * a part that names a property starts its text, the parts after it continue it.
 */
export function splitReason(
  reason: string,
  names: string[],
): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  let current: string | undefined;
  for (const part of reason.split('; ').filter((p) => p.trim() !== '')) {
    const named = namedIn(part, names);
    if (named) {
      current = named;
      fields[named] = fields[named] ? `${fields[named]}; ${part}` : part;
    } else if (current && !/^the handler /.test(part)) {
      fields[current] = `${fields[current]}; ${part}`;
    } else {
      current = undefined;
      general.push(part);
    }
  }
  return { fields, general };
}

/**
 * Which of the properties sent wait for the next online after ERROR_RESOURCE_PROPERTIES_STORED:
 * those that are not live; when every one is live, the handler kept them all (it answered
 * 'stored'). The generated Set- cmdlet's warning names the same ones.
 */
export function waitingOf(names: string[], live: (name: string) => boolean): string[] {
  const restart = names.filter((n) => !live(n));
  return restart.length > 0 ? restart : [...names];
}

export function setResult(
  answer: SetAnswer,
  names: string[],
  powershell: PowerShellLines[],
  live: (name: string) => boolean = () => false,
): SetPropertiesResult {
  const stored = answer.code === ERROR_SUCCESS || answer.code === ERROR_RESOURCE_PROPERTIES_STORED;
  const split = stored ? { fields: {}, general: [] } : splitReason(answer.reason, names);
  if (!stored && Object.keys(split.fields).length === 0 && split.general.length === 0)
    split.general.push(answer.message);
  return {
    code: answer.code,
    name: answer.name,
    message: answer.message,
    stored,
    afterRestart: answer.code === ERROR_RESOURCE_PROPERTIES_STORED,
    waiting: answer.code === ERROR_RESOURCE_PROPERTIES_STORED ? waitingOf(names, live) : [],
    ...split,
    powershell,
  };
}
