/**
 * The terminal panel: xterm.js fit to its box, fed by the output model
 * (store/terminal), with keys going through the run controller's line
 * discipline. Tab and Shift+Tab are not captured, so focus can leave by keyboard.
 * Ctrl+C copies when text is selected, and interrupts otherwise.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { useSettingsStore, type Scheme } from '../../store/settings';
import { registerTerminal } from '../bridges';
import { MONO_FONT } from '../editor/CodeEditor';
import { services } from '../services';

const THEMES: Record<Scheme, ITheme> = {
  light: {
    background: '#ffffff',
    foreground: '#1f2328',
    cursor: '#1f2328',
    cursorAccent: '#ffffff',
    selectionBackground: '#b6d7ff',
    black: '#24292f',
    red: '#c4232d',
    green: '#1a7f37',
    yellow: '#8a5a00',
    blue: '#0969da',
    magenta: '#8250df',
    cyan: '#1b7c83',
    white: '#6e7781',
    brightBlack: '#57606a',
    brightRed: '#a40e26',
    brightGreen: '#116329',
    brightYellow: '#7d4e00',
    brightBlue: '#218bff',
    brightMagenta: '#a475f9',
    brightCyan: '#3192aa',
    brightWhite: '#8c959f',
  },
  dark: {
    background: '#0d1117',
    foreground: '#e6edf3',
    cursor: '#e6edf3',
    cursorAccent: '#0d1117',
    selectionBackground: '#264f78',
    black: '#484f58',
    red: '#ff7b72',
    green: '#3fb950',
    yellow: '#d29922',
    blue: '#58a6ff',
    magenta: '#d2a8ff',
    cyan: '#39c5cf',
    white: '#b1bac4',
    brightBlack: '#6e7681',
    brightRed: '#ffa198',
    brightGreen: '#56d364',
    brightYellow: '#e3b341',
    brightBlue: '#79c0ff',
    brightMagenta: '#e2c5ff',
    brightCyan: '#56d4dd',
    brightWhite: '#f0f6fc',
  },
};

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard refused (permissions, insecure context): nothing else to do from a key handler.
  }
}

export function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      cursorStyle: 'bar',
      fontFamily: MONO_FONT,
      fontSize: 13.5,
      lineHeight: 1.25,
      scrollback: 10_000,
      theme: THEMES[useSettingsStore.getState().scheme],
      allowTransparency: false,
      rightClickSelectsWord: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    term.textarea?.setAttribute('aria-label', 'Terminal: type input for the running program. Tab leaves the terminal.');

    term.attachCustomKeyEventHandler((ev) => {
      if (ev.type !== 'keydown') return true;
      const mod = ev.ctrlKey || ev.metaKey;
      if (ev.key === 'Tab') return false; // let the browser move focus
      if (mod && ev.key === 'Enter') return false; // Run, handled by the page
      if (mod && !ev.altKey && (ev.key === 'c' || ev.key === 'C')) {
        if (term.hasSelection()) {
          void copyText(term.getSelection());
          term.clearSelection();
          ev.preventDefault();
          return false;
        }
        if (ev.shiftKey || ev.metaKey) return false; // Ctrl+Shift+C / Cmd+C without a selection: nothing
        return true; // Ctrl+C: xterm sends \x03 → SIGINT
      }
      if (mod && (ev.key === 'v' || ev.key === 'V')) return false; // native paste event, handled by xterm
      return true;
    });
    const dataSub = term.onData((data) => services().controller.terminalInput(data));

    let raf = 0;
    const refit = (): void => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => {
        if (el.clientWidth > 0 && el.clientHeight > 0) {
          try {
            fit.fit();
          } catch {
            // not laid out yet
          }
        }
      });
    };
    const ro = new ResizeObserver(refit);
    ro.observe(el);
    refit();

    const output = services().terminal;
    output.attach({
      write: (data, done) => term.write(data, done),
      clear: () => term.reset(),
    });

    const unregister = registerTerminal({
      size: () => ({ columns: term.cols, rows: term.rows }),
      focus: () => term.focus(),
    });
    const unsubTheme = useSettingsStore.subscribe((s) => {
      term.options.theme = THEMES[s.scheme];
    });

    return () => {
      unsubTheme();
      unregister();
      output.attach(null);
      ro.disconnect();
      cancelAnimationFrame(raf);
      dataSub.dispose();
      term.dispose();
    };
  }, []);

  return <div ref={host} className="terminal-host" data-testid="terminal" />;
}
