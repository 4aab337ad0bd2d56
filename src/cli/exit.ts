import type { Command } from 'commander';

/** Sets the exit code a command's action wants (read by `main` after the action). */
export function setExitCode(cmd: Command, value: number): void {
  (cmd as Command & { exitCodeValue?: number }).exitCodeValue = value;
}

export function getExitCode(cmd: Command): number | undefined {
  return (cmd as Command & { exitCodeValue?: number }).exitCodeValue;
}
