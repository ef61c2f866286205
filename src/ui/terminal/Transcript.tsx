/**
 * `[data-testid="transcript"]`: the terminal's text without ANSI codes,
 * present in the DOM but not rendered. It mirrors the output model's chunks as
 * text nodes and touches only the ones that changed, so a growing 2 MB
 * transcript costs what was added, not its whole size, on every update.
 */
import { useEffect, useRef } from 'react';
import { useTerminalStore } from '../../store/terminal';
import { services } from '../services';
import { TranscriptMirror } from '../../terminal/transcript-mirror';

export function Transcript() {
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const el = pre.current;
    if (!el) return;
    const mirror = new TranscriptMirror(el);
    const output = services().terminal;
    mirror.sync(output.parts());
    const unsub = useTerminalStore.subscribe((s, prev) => {
      if (s.version !== prev.version) mirror.sync(output.parts());
    });
    return unsub;
  }, []);

  // `hidden` (display: none), not merely visually hidden: a laid-out <pre> of up to 2 MB made
  // Chromium re-shape its text on every update, stalling the page for 200-400 ms during a flood.
  // The text is still there for copying, downloading and tests (textContent needs no layout).
  return <pre ref={pre} hidden data-testid="transcript" />;
}
