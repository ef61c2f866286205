/**
 * The playground's default program (until the lesson UI lands, the only one).
 * A lesson program will be keyed the same way: `<lessonId>:<program>`.
 */

export interface ProgramDefaults {
  lessonId: string;
  program: string;
  /** The file the editor holds, as the command line names it. */
  filename: string;
  command: string;
  source: string;
  /** Which runtime runs the program: python (the default) or node (a Node lesson, main.js). */
  runtime?: 'python' | 'node';
}

export const DEFAULT_SOURCE = `"""Run me: answer the prompt, or send SIGINT / SIGTERM."""
import atexit
import sys

atexit.register(print, "atexit: goodbye")


def main() -> int:
    name = input("What's your name? ")
    try:
        print(f"Hello, {name}!")
        return 3
    finally:
        print("finally: cleaning up")


if __name__ == "__main__":
    sys.exit(main())
`;

export const DEFAULT_PROGRAM: ProgramDefaults = {
  lessonId: 'default',
  program: 'main',
  filename: 'main.py',
  command: 'python main.py',
  source: DEFAULT_SOURCE,
};

export function programKeyOf(p: { lessonId: string; program: string }): string {
  return `${p.lessonId}:${p.program}`;
}
