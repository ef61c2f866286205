/**
 * A terminal's canonical-mode line discipline, for keys typed into the
 * terminal panel: echo, Backspace, Ctrl+U, Enter sends the line, Ctrl+D sends
 * what is typed (or end of input on an empty line), Ctrl+C interrupts. Pasted
 * text with several lines sends each line as its newline arrives.
 */

export interface LineIo {
  /** Show typed text (the terminal's echo). */
  echo(text: string): void;
  /** Erase the last echoed character; false if it is no longer the last thing shown. */
  erase(): boolean;
  /** Data for the program's stdin; null is end of input. */
  send(data: string | null): void;
  /** Ctrl+C. */
  interrupt(): void;
}

/** Escape sequences (arrows, function keys) are swallowed: this line has no cursor movement. */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/;

export class LineDiscipline {
  private line: string[] = [];
  private lastWasCR = false;

  constructor(private readonly io: LineIo) {}

  /** What is typed and not yet sent. */
  pending(): string {
    return this.line.join('');
  }

  reset(): void {
    this.line = [];
    this.lastWasCR = false;
  }

  input(data: string): void {
    let i = 0;
    let echoRun = '';
    const flushEcho = (): void => {
      if (echoRun) this.io.echo(echoRun);
      echoRun = '';
    };
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        flushEcho();
        const m = ESCAPE_SEQUENCE.exec(data.slice(i));
        i += m ? m[0].length : 1;
        this.lastWasCR = false;
        continue;
      }
      const cp = data.codePointAt(i)!;
      const chr = String.fromCodePoint(cp);
      i += chr.length;
      if (chr === '\n' && this.lastWasCR) {
        this.lastWasCR = false;
        continue; // \r\n from a paste is one newline
      }
      this.lastWasCR = chr === '\r';
      switch (chr) {
        case '\r':
        case '\n': {
          echoRun += '\n';
          flushEcho();
          const text = this.line.join('') + '\n';
          this.line = [];
          this.io.send(text);
          break;
        }
        case '\x7f':
        case '\b':
          flushEcho();
          if (this.line.length > 0) {
            this.line.pop();
            this.io.erase();
          }
          break;
        case '\x15': // Ctrl+U: kill the line
          flushEcho();
          while (this.line.length > 0) {
            this.line.pop();
            this.io.erase();
          }
          break;
        case '\x04': // Ctrl+D
          flushEcho();
          if (this.line.length > 0) {
            const text = this.line.join('');
            this.line = [];
            this.io.send(text);
          } else {
            this.io.send(null);
          }
          break;
        case '\x03': // Ctrl+C: the terminal shows ^C, drops the typed line, and signals
          echoRun += '^C';
          flushEcho();
          this.line = [];
          this.io.interrupt();
          break;
        case '\t':
          this.line.push(chr);
          echoRun += chr;
          break;
        default:
          if (cp >= 0x20 && cp !== 0x7f) {
            this.line.push(chr);
            echoRun += chr;
          }
      }
    }
    flushEcho();
  }
}
