import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { CommandIo } from '../../src/cli/upload.js';
import { getExitCode } from '../../src/cli/exit.js';
import { InputError } from '../../src/util/errors.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { CLI_BIN, type CliRun, runCli as runSubprocess } from '../support/cli.js';

export type { CliRun };

// VIGIL_TEST_CLI_BIN forces the subprocess mode with another entry point (checking these tests before main.ts registers the commands).
const BIN = process.env.VIGIL_TEST_CLI_BIN || CLI_BIN;

/** Whether src/cli/main.ts registers `<name>Command()` (then the tests run the real binary as a subprocess). */
export function registered(name: string): boolean {
  return readFileSync(join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'utf8').includes(`${name}Command()`);
}

/** The parent's environment without anything GitHub-related, so a CI runner's token never leaks into a test. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|GH_)/.test(k)));
}

/**
 * Runs `vigil <name> ...args`: as a subprocess (`node src/cli/bin.js`, asynchronously: a fake server in this
 * process must keep answering) once main.ts registers the command, else in-process through the same command
 * factory with the exit-code and InputError handling of main.ts.
 */
export async function runCli(name: string, factory: (io: CommandIo) => Command, args: string[], o: { env?: NodeJS.ProcessEnv; cwd: string }): Promise<CliRun> {
  if (process.env.VIGIL_TEST_CLI_BIN || registered(name)) {
    return runSubprocess([name, ...args], { bin: BIN, cwd: o.cwd, env: { ...cleanEnv(), NO_COLOR: '1', ...o.env }, killSignal: 'SIGKILL' });
  }
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { env: { ...o.env }, cwd: () => o.cwd, out: (l) => out.push(l + '\n'), err: (l) => err.push(l + '\n') };
  const program = new Command('vigil').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  const cmd = factory(io)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  program.addCommand(cmd);
  let code: number;
  try {
    await program.parseAsync(['node', 'vigil', name, ...args]);
    code = getExitCode(cmd) ?? 0;
  } catch (e) {
    if (e instanceof InputError) {
      err.push(`vigil: ${e.describe()}\n`);
      code = 2;
    } else if (e instanceof CommanderError) code = 2;
    else throw e;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
