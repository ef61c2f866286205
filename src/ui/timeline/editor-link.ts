/**
 * Monaco's side of the timeline: a clicked item's line is highlighted and
 * revealed; lines with timeline steps get a marker in the gutter; the line
 * under the mouse is reported to the panel, which highlights its items.
 *
 *   cleanups.push(linkEditorToTimeline(monaco, editor));   // in CodeEditor, once mounted
 */
import type { monaco as MonacoNamespace } from '../editor/monaco-setup';
import { useRunStore } from '../../store/run';
import { useTimelineUi } from '../../store/timeline';
import { currentItems } from './items';

type Monaco = typeof MonacoNamespace;
type Editor = MonacoNamespace.editor.IStandaloneCodeEditor;

export function linkEditorToTimeline(monaco: Monaco, editor: Editor): () => void {
  const selected = editor.createDecorationsCollection();
  const markers = editor.createDecorationsCollection();
  const itemHover = editor.createDecorationsCollection();
  const host = editor.getContainerDomNode(); // `[data-testid="editor"]`: tests read `data-highlight-line`

  const lineRange = (line: number) => new monaco.Range(line, 1, line, 1);
  const valid = (line: number) => {
    const model = editor.getModel();
    return model !== null && line >= 1 && line <= model.getLineCount();
  };

  const showSelected = (): void => {
    const { focus } = useTimelineUi.getState();
    if (!focus || !valid(focus.line)) {
      selected.clear();
      host?.removeAttribute('data-highlight-line');
      return;
    }
    selected.set([
      {
        range: lineRange(focus.line),
        options: { isWholeLine: true, className: 'tl-line-selected', linesDecorationsClassName: 'tl-gutter-selected' },
      },
    ]);
    host?.setAttribute('data-highlight-line', String(focus.line));
    editor.revealLineInCenterIfOutsideViewport(focus.line, monaco.editor.ScrollType.Smooth);
  };

  const showMarkers = (): void => {
    const byLine = new Map<number, 'warning' | 'skipped' | 'normal'>();
    for (const item of currentItems()) {
      const tone = item.tone === 'warning' ? 'warning' : item.tone === 'skipped' ? 'skipped' : 'normal';
      for (const line of item.lines) {
        const had = byLine.get(line);
        if (had === 'warning') continue;
        if (had === 'normal' && tone === 'skipped') continue;
        byLine.set(line, tone);
      }
    }
    markers.set(
      [...byLine].filter(([line]) => valid(line)).map(([line, tone]) => ({
        range: lineRange(line),
        options: { linesDecorationsClassName: `tl-gutter-mark ${tone}` },
      })),
    );
  };

  const showItemHover = (): void => {
    const { hoverItem } = useTimelineUi.getState();
    const item = hoverItem !== null ? currentItems()[hoverItem] : undefined;
    itemHover.set(
      (item?.lines ?? []).filter(valid).map((line) => ({
        range: lineRange(line),
        options: { isWholeLine: true, className: 'tl-line-hover' },
      })),
    );
  };

  const unsubUi = useTimelineUi.subscribe((s, prev) => {
    if (s.focus !== prev.focus) showSelected();
    if (s.hoverItem !== prev.hoverItem) showItemHover();
    if (s.runSource !== prev.runSource) showMarkers();
  });
  const unsubRun = useRunStore.subscribe((s, prev) => {
    if (s.timeline !== prev.timeline) showMarkers();
  });

  const move = editor.onMouseMove((e) => {
    const line = e.target.position?.lineNumber ?? null;
    useTimelineUi.getState().setHoverLine(line);
  });
  const leave = editor.onMouseLeave(() => useTimelineUi.getState().setHoverLine(null));
  // Editing the program makes the old run's lines stale: drop the marks (the next run brings new ones).
  const edit = editor.onDidChangeModelContent(() => {
    markers.clear();
    if (useTimelineUi.getState().focus) useTimelineUi.getState().select(null);
  });

  showMarkers();
  showSelected();

  return () => {
    unsubUi();
    unsubRun();
    move.dispose();
    leave.dispose();
    edit.dispose();
    selected.clear();
    markers.clear();
    itemHover.clear();
  };
}
