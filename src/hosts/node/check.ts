/** `exitlab check [DIR]`: every lesson program against its expected outcome. */
import type { NodeEnginePaths } from './engine';

export async function runCheck(_args: string[], _paths: NodeEnginePaths): Promise<number> {
  process.stderr.write('exitlab check: lesson checking is not built yet\n');
  return 2;
}
