/**
 * The command table: one entry per command, in help order. Parsing, help and validation
 * all come from it. A new command is a module in ./commands/ added here.
 */
import type { CommandSpec } from './command.js';
import { buildCommand } from './commands/build.js';
import { newCommand } from './commands/new.js';
import { packageCommand } from './commands/package.js';
import { runCommand } from './commands/run.js';
import { verifyCommand } from './commands/verify.js';

export const COMMANDS: readonly CommandSpec[] = [
  newCommand,
  buildCommand,
  runCommand,
  verifyCommand,
  packageCommand,
];
