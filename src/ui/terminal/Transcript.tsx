/**
 * `[data-testid="transcript"]`: the terminal's text as plain text (contract §2),
 * visually hidden but present. Written straight into the DOM (not through React
 * state) and throttled while a large transcript grows, so a flood stays cheap.
 */
import { useEffect, useRef } from 'react';
import { useTerminalStore } from '../../store/terminal';

const SMALL = 64 * 1024;
const THROTTLE_MS = 200;

export function Transcript() {
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const write = (): void => {
      timer = null;
      last = performance.now();
      const el = pre.current;
      if (!el) return;
      const text = useTerminalStore.getState().output.text();
      if (el.textContent !== text) el.textContent = text;
    };
    write();
    const unsub = useTerminalStore.subscribe((s, prev) => {
      if (s.version === prev.version) return;
      const { output } = s;
      const big = output.size() > SMALL;
      // Small transcripts and the end of a burst are written at once; big growing ones at most every 200 ms.
      if (!big || !output.pending()) {
        if (timer) clearTimeout(timer);
        write();
      } else if (!timer) {
        timer = setTimeout(write, Math.max(0, THROTTLE_MS - (performance.now() - last)));
      }
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, []);

  return <pre ref={pre} className="visually-hidden" data-testid="transcript" aria-label="Transcript of the terminal" />;
}
