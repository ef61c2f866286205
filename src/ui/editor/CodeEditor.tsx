/**
 * The Monaco editor holding the program. Monaco owns the live text; the store
 * gets it debounced (a huge paste does not re-render the page per keystroke),
 * and the run controller reads it directly through `currentSource()`.
 *
 * Leaving the editor by keyboard: Escape, then Tab (or Shift+Tab) moves focus
 * on; Ctrl+M toggles Tab-moves-focus for good (Monaco's own toggle).
 */
import { useEffect, useRef, useState } from 'react';
import { useEditorStore } from '../../store/editor';
import { useSettingsStore } from '../../store/settings';
import { registerSourceGetter } from '../bridges';
import { editorLanguage, onEditorLanguage } from '../node/lesson-runtime';
import { linkEditorToTimeline } from '../timeline/editor-link';

const EDIT_DEBOUNCE_MS = 300;

export const MONO_FONT =
  'ui-monospace, "SF Mono", SFMono-Regular, "Cascadia Mono", "Segoe UI Mono", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace';

export function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [escArmed, setEscArmed] = useState(false);
  const filename = useEditorStore((s) => s.program.filename);

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];

    import('./monaco-setup')
      .then(({ monaco }) => {
        const el = host.current;
        if (disposed || !el) return;
        const store = useEditorStore.getState();
        const model = monaco.editor.createModel(store.source, editorLanguage(), monaco.Uri.file(`/home/pyodide/${store.program.filename}`));
        model.updateOptions({ tabSize: 4, insertSpaces: true });
        const scheme = useSettingsStore.getState().scheme;
        const editor = monaco.editor.create(el, {
          model,
          theme: scheme === 'dark' ? 'exitlab-dark' : 'exitlab-light',
          automaticLayout: true,
          minimap: { enabled: false },
          fontFamily: MONO_FONT,
          fontSize: 14,
          lineHeight: 22,
          scrollBeyondLastLine: false,
          padding: { top: 12, bottom: 12 },
          renderLineHighlight: 'line',
          renderLineHighlightOnlyWhenFocus: true,
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false },
          quickSuggestions: false,
          wordBasedSuggestions: 'off',
          suggestOnTriggerCharacters: false,
          occurrencesHighlight: 'off',
          stickyScroll: { enabled: false },
          fixedOverflowWidgets: true,
          ariaLabel: `Python program ${store.program.filename}. Press Escape then Tab to leave the editor.`,
          tabFocusMode: false,
        });
        cleanups.push(() => {
          editor.dispose();
          model.dispose();
        });

        // Edits reach the store debounced; external replacements cancel a pending one.
        let timer: ReturnType<typeof setTimeout> | null = null;
        let applying = false;
        const push = (): void => {
          timer = null;
          useEditorStore.getState().editorChanged(model.getValue());
        };
        const sub = model.onDidChangeContent(() => {
          if (applying) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(push, EDIT_DEBOUNCE_MS);
        });
        cleanups.push(() => {
          sub.dispose();
          if (timer) {
            clearTimeout(timer);
            push();
          }
        });
        cleanups.push(registerSourceGetter(() => model.getValue()));
        // Save a pending edit when the page goes away.
        const onHide = (): void => {
          if (timer) {
            clearTimeout(timer);
            push();
          }
        };
        window.addEventListener('pagehide', onHide);
        cleanups.push(() => window.removeEventListener('pagehide', onHide));

        let revision = store.revision;
        cleanups.push(
          useEditorStore.subscribe((s) => {
            if (s.revision === revision) return;
            revision = s.revision;
            if (timer) {
              clearTimeout(timer);
              timer = null;
            }
            if (model.getValue() === s.source) return;
            applying = true;
            try {
              // An edit (not setValue) so Ctrl+Z in the editor brings the old text back too.
              editor.pushUndoStop();
              editor.executeEdits('exitlab', [{ range: model.getFullModelRange(), text: s.source }]);
              editor.pushUndoStop();
              editor.setPosition({ lineNumber: 1, column: 1 });
              editor.revealLine(1);
            } finally {
              applying = false;
            }
          }),
        );

        cleanups.push(
          useSettingsStore.subscribe((s) => monaco.editor.setTheme(s.scheme === 'dark' ? 'exitlab-dark' : 'exitlab-light')),
        );

        // Escape, then Tab: leave the editor (Tab indents otherwise).
        let armed = false;
        const arm = (on: boolean): void => {
          if (armed === on) return;
          armed = on;
          editor.updateOptions({ tabFocusMode: on });
          setEscArmed(on);
        };
        const keySub = editor.onKeyDown((e) => {
          if (e.keyCode === monaco.KeyCode.Escape) arm(true);
          else if (
            e.keyCode !== monaco.KeyCode.Tab &&
            e.keyCode !== monaco.KeyCode.Shift &&
            e.keyCode !== monaco.KeyCode.Ctrl &&
            e.keyCode !== monaco.KeyCode.Alt &&
            e.keyCode !== monaco.KeyCode.Meta
          ) {
            arm(false);
          }
        });
        const blurSub = editor.onDidBlurEditorText(() => arm(false));
        cleanups.push(() => {
          keySub.dispose();
          blurSub.dispose();
        });

        // JavaScript highlighting for Node.js programs; the timeline's lines and hover.
        el.dataset.language = model.getLanguageId();
        cleanups.push(
          onEditorLanguage((lang) => {
            monaco.editor.setModelLanguage(model, lang);
            model.updateOptions({ tabSize: lang === 'javascript' ? 2 : 4 });
            el.dataset.language = lang;
          }),
        );
        cleanups.push(linkEditorToTimeline(monaco, editor));

        setState('ready');
      })
      .catch((err: unknown) => {
        console.error('Monaco failed to load', err);
        if (!disposed) setState('failed');
      });

    return () => {
      disposed = true;
      for (const c of cleanups.reverse()) c();
    };
  }, []);

  return (
    <div className="editor-host-wrap">
      <div ref={host} className="editor-host" data-testid="editor" data-state={state} />
      {state === 'loading' && <div className="editor-placeholder">Loading the editor…</div>}
      {state === 'failed' && (
        <div className="editor-placeholder error">The editor could not be loaded. Reload the page to try again.</div>
      )}
      {escArmed && (
        <div className="editor-hint" role="status">
          Tab moves focus out of {filename}
        </div>
      )}
    </div>
  );
}
