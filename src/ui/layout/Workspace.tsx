/**
 * Editor and terminal side by side with a draggable, keyboard-resizable split;
 * stacked (editor above the terminal) on a phone-width screen.
 */
import { useRef, type CSSProperties } from 'react';
import { useSettingsStore } from '../../store/settings';
import { EditorPane } from './EditorPane';
import { Splitter } from './Splitter';
import { TerminalPane } from './TerminalPane';

export function Workspace() {
  const ratio = useSettingsStore((s) => s.splitRatio);
  const box = useRef<HTMLDivElement>(null);
  const style = { '--split': `${(ratio * 100).toFixed(2)}%` } as CSSProperties;
  return (
    <div ref={box} className="workspace" style={style}>
      <EditorPane />
      <Splitter container={box} />
      <TerminalPane />
    </div>
  );
}
