/**
 * The command line and the run controls. Exactly one element per accessible
 * name Run / Stop / SIGINT / SIGTERM, always rendered, disabled when they
 * cannot act (Stop and the signals while nothing runs).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { SIGNAL_TABLE, type SignalName } from '../../engine/protocol';
import { parseCommandLine } from '../../shell';
import { useEditorStore } from '../../store/editor';
import { useRunStore } from '../../store/run';
import { pipeModeOf, withPipeMode } from '../../store/settings';
import { services } from '../services';

const run = (): Promise<void> => services().controller.run();
const sendSignal = (sig: SignalName): void => services().controller.sendSignal(sig);
const stop = (): void => void services().controller.stop();

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The page's signal buttons, and its menu of more signals (the one nothing can catch last). */
const BUTTON_SIGNALS = SIGNAL_TABLE.filter((r) => r.from === 'button');
const MORE_SIGNALS = SIGNAL_TABLE.filter((r) => r.from === 'menu').sort(
  (a, b) => Number(a.action === 'kill') - Number(b.action === 'kill'),
);

function PipeSwitch() {
  const commandLine = useEditorStore((s) => s.commandLine);
  const setCommandLine = useEditorStore((s) => s.setCommandLine);
  const parsed = parseCommandLine(commandLine);
  const usable = parsed.ok;
  const pipe = usable && pipeModeOf(commandLine);
  const name = useId();
  const choose = (on: boolean): void => {
    if (on !== pipe) setCommandLine(withPipeMode(commandLine, on));
  };
  return (
    <fieldset className="segmented" disabled={!usable} title="Where python's stdout goes">
      <legend className="visually-hidden">Output</legend>
      <label className={!pipe ? 'on' : ''}>
        <input type="radio" name={name} checked={!pipe} onChange={() => choose(false)} />
        terminal
      </label>
      <label className={pipe ? 'on' : ''}>
        <input type="radio" name={name} checked={pipe} onChange={() => choose(true)} />
        pipe (| cat)
      </label>
    </fieldset>
  );
}

function MoreSignals({ disabled }: { disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (disabled) setOpen(false);
  }, [disabled]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent): void => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="btn ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        More signals
        <svg className="chev" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" />
        </svg>
      </button>
      {open && (
        <div ref={menu} id={menuId} className="menu" role="menu" aria-label="More signals" onKeyDown={onMenuKey}>
          {MORE_SIGNALS.map(({ name: sig, hint }) => (
            <button
              key={sig}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                sendSignal(sig);
                close(true);
              }}
            >
              <span className="sig">{sig}</span>
              <span className="hint">{hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** Run, Stop, the signal buttons and the menu of more signals (the playground's and the embed's). */
export function RunControls() {
  const phase = useRunStore((s) => s.phase);
  const interactive = useRunStore((s) => s.engine.interactive);
  const running = phase === 'running';
  const canSignal = running && interactive;
  const runHint = `${isMac ? '⌘' : 'Ctrl'}+Enter`;
  return (
    <div className="controls">
      <button
        type="button"
        className="btn primary"
        onClick={() => void run()}
        title={`Run the command line (${runHint}). While a program runs, Run stops it and starts again.`}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        data-autofocus-terminal="true"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4.5 2.8v10.4L13 8z" />
        </svg>
        Run
      </button>
      <button
        type="button"
        className="btn danger"
        onClick={stop}
        disabled={!running}
        title="Stop the program now with SIGKILL (nothing runs after it: no finally, no atexit)"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="3.5" y="3.5" width="9" height="9" rx="1.5" />
        </svg>
        Stop
      </button>
      <span className="divider" aria-hidden="true" />
      {BUTTON_SIGNALS.map(({ name, hint }) => (
        <button
          key={name}
          type="button"
          className="btn signal"
          onClick={() => sendSignal(name)}
          disabled={!canSignal}
          title={`Send ${name}, ${hint}`}
        >
          {name}
        </button>
      ))}
      <MoreSignals disabled={!canSignal} />
    </div>
  );
}

export function CommandBar() {
  const commandLine = useEditorStore((s) => s.commandLine);
  const setCommandLine = useEditorStore((s) => s.setCommandLine);

  return (
    <div className="command-bar" role="toolbar" aria-label="Run controls">
      <div className="command-line">
        <span className="prompt" aria-hidden="true">
          $
        </span>
        <input
          type="text"
          aria-label="Command line"
          data-testid="command-line"
          value={commandLine}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          onChange={(e) => setCommandLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              void run();
            }
          }}
        />
      </div>
      <PipeSwitch />
      <RunControls />
    </div>
  );
}
