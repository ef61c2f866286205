/**
 * The embed view (`embed.html#code/…&view=…&cmd=…`): a compact editor, the terminal, the exit
 * badge, a one-line timeline and a link to the playground with the code as it is now. It keeps
 * the playground's button names and test ids. It runs nothing until the reader presses Run
 * (unless the embedding site asked for `autorun`), keeps no draft and no files, and follows
 * the page's colour scheme (the page's message, else the system's).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { makeCodeLink } from '../../links';
import { parseEmbedHash, type EmbedTarget } from '../../links/embed';
import { useEditorStore } from '../../store/editor';
import { useRunStore } from '../../store/run';
import { watchSystemScheme } from '../../store/settings';
import { useTerminalStore } from '../../store/terminal';
import { currentSource } from '../bridges';
import { RunControls } from '../chrome/CommandBar';
import { CodeEditor } from '../editor/CodeEditor';
import { ExitBadge } from '../exit/ExitBadge';
import { services } from '../services';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { Transcript } from '../terminal/Transcript';
import { EmbedTimeline } from './EmbedTimeline';
import { connectToParent } from './parent';

/** The playground's address with the given code. */
function playgroundLink(source: string): string {
  return makeCodeLink(new URL('./', location.href).href, source);
}

/** Reads the hash once (the embed does not follow later changes) and opens its program. */
function openTarget(): EmbedTarget {
  const target = parseEmbedHash(location.hash);
  const program = { lessonId: 'embed', program: 'snippet', filename: 'main.py', command: target.commandLine, source: target.source };
  // As a link's code: edits stay in memory, nothing is saved as a draft.
  useEditorStore.getState().openProgram(program, { source: target.source });
  useEditorStore.setState({ commandLine: target.commandLine });
  return target;
}

/** `[data-testid="engine-state"]` with `data-state` booting, ready or failed: words only until ready. */
function EngineLine() {
  const engine = useRunStore((s) => s.engine);
  const text =
    engine.state === 'ready'
      ? ''
      : engine.state === 'failed'
        ? `Python could not start${engine.message ? `: ${engine.message}` : ''}`
        : `Loading Python… ${Math.round(engine.percent)}%`;
  return (
    <span className="embed-engine" role="status" data-testid="engine-state" data-state={engine.state}>
      {text}
    </span>
  );
}

export function EmbedApp() {
  const [target] = useState(openTarget);
  const root = useRef<HTMLDivElement>(null);
  const source = useEditorStore((s) => s.source);
  // Kept current for hover and copy; a click makes it again from the editor, whose latest
  // keystrokes may not have reached the store yet.
  const href = useMemo(() => playgroundLink(source), [source]);

  useEffect(() => {
    const { engine, terminal, controller } = services();
    useRunStore.setState({ engine: engine.status() });
    const unsubEngine = engine.onStatus((s) => useRunStore.setState({ engine: s }));
    terminal.reset(target.commandLine);
    let unsubScheme = watchSystemScheme();
    const disconnect = root.current
      ? connectToParent(root.current, () => {
          // The page says which scheme it shows: from now on it, not the system, decides.
          unsubScheme();
          unsubScheme = () => undefined;
        })
      : () => undefined;
    if (target.autorun) {
      void controller.run({ stdin: 'end' }); // nobody types into an autorun: input is at its end
    }
    return () => {
      unsubEngine();
      unsubScheme();
      disconnect();
    };
  }, [target]);

  const hasRun = useTerminalStore((s) => s.hasRun);

  return (
    <div className={`embed view-${target.view}`} ref={root}>
      <div className="embed-bar" role="toolbar" aria-label="Run controls">
        <RunControls />
        <code className="embed-command" title="Command line">
          $ {target.commandLine}
        </code>
        <ExitBadge />
        <EngineLine />
        <a
          className="embed-open"
          href={href}
          target="_blank"
          rel="noopener"
          onClick={(e) => (e.currentTarget.href = playgroundLink(currentSource()))}
        >
          Open in Exit Lab
        </a>
      </div>
      {target.problem && (
        <p className="embed-problem" role="status">
          {target.problem}
        </p>
      )}
      {target.view !== 'output' && (
        <div className="embed-editor" style={{ height: `${Math.min(16, Math.max(3, target.source.split('\n').length)) * 22 + 24}px` }}>
          <CodeEditor />
        </div>
      )}
      {(target.view !== 'editor' || hasRun) && (
        <div className="embed-terminal terminal-box">
          <TerminalPanel />
        </div>
      )}
      <EmbedTimeline />
      <Transcript />
    </div>
  );
}
