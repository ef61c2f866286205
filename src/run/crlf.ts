/**
 * A pseudo-terminal's output (`\r\n` line ends) as the page's terminal model
 * wants it (`\n`; the terminal adds the `\r` itself). Streaming: a `\r` at the
 * end of a chunk waits for the next one, so a `\r\n` split in two is still one
 * line end. A lone `\r` (a progress bar redrawing its line) passes through.
 */
export class CrlfToLf {
  private held = false;

  push(chunk: string): string {
    let text = this.held ? `\r${chunk}` : chunk;
    this.held = text.endsWith('\r');
    if (this.held) text = text.slice(0, -1);
    return text.replace(/\r\n/g, '\n');
  }

  /** The end of the stream: a held `\r` is given back. */
  end(): string {
    const out = this.held ? '\r' : '';
    this.held = false;
    return out;
  }
}
