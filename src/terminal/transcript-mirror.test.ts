import { describe, expect, it } from 'vitest';
import { TerminalOutput } from './output';
import { TranscriptMirror } from './transcript-mirror';

/** Just enough of a DOM element and its text nodes for the mirror. */
class FakeText {
  parent: FakeElement | null = null;
  constructor(public data: string) {}
  remove(): void {
    if (!this.parent) return;
    this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
}
class FakeElement {
  children: FakeText[] = [];
  writes = 0;
  ownerDocument = { createTextNode: (data: string) => new FakeText(data) };
  replaceChildren(...nodes: FakeText[]): void {
    for (const n of this.children) n.parent = null;
    this.children = [];
    for (const n of nodes) this.appendChild(n);
  }
  appendChild(node: FakeText): void {
    node.remove();
    node.parent = this;
    this.children.push(node);
    this.writes++;
  }
  get textContent(): string {
    return this.children.map((c) => c.data).join('');
  }
}

function setup(limits = {}) {
  const queue: (() => void)[] = [];
  const out = new TerminalOutput({ limits, schedule: (cb) => queue.push(cb), now: () => 0 });
  const el = new FakeElement();
  const mirror = new TranscriptMirror(el as unknown as Element);
  const flush = (): void => {
    while (queue.length) queue.shift()!();
    mirror.sync(out.parts());
  };
  return { out, el, mirror, flush };
}

describe('TranscriptMirror', () => {
  it('shows exactly the transcript through writes, echo, erase, caps and resets', () => {
    const { out, el, flush } = setup({ maxChars: 300, maxLines: 12, frameChars: 50 });
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    out.reset('python main.py');
    for (let step = 0; step < 2000; step++) {
      const r = rand(100);
      if (r < 60) out.write(rand(4) ? 'stdout' : 'stderr', `line ${step}${rand(3) ? '\n' : ''}`);
      else if (r < 75) out.echo(rand(2) ? 'ab' : 'é\n');
      else if (r < 85) out.erase();
      else if (r < 97) out.line(`[note ${step}]`, 'notice', rand(2) === 0);
      else out.reset(`python main.py ${step}`);
      if (rand(3) === 0) flush();
      if (rand(5) === 0) {
        flush();
        expect(el.textContent).toBe(out.text());
      }
    }
    flush();
    expect(el.textContent).toBe(out.text());
  });

  it('appends what is new instead of rewriting what it already shows', () => {
    const { out, el, flush } = setup();
    out.reset('p');
    out.write('stdout', 'a\n');
    flush();
    const before = el.writes;
    out.write('stdout', 'b\n');
    flush();
    expect(el.writes - before).toBe(1);
    expect(el.textContent).toBe('$ p\na\nb\n');
  });
});
