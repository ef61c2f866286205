import { useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { MAX_SPLIT, MIN_SPLIT, useSettingsStore } from '../../store/settings';

const STEP = 0.02;
const BIG_STEP = 0.1;

function stacked(el: HTMLElement): boolean {
  return getComputedStyle(el).flexDirection === 'column';
}

export function Splitter({ container }: { container: RefObject<HTMLDivElement | null> }) {
  const ratio = useSettingsStore((s) => s.splitRatio);
  const setRatio = useSettingsStore((s) => s.setSplitRatio);
  const dragging = useRef(false);

  const fromPointer = (e: PointerEvent<HTMLDivElement>): void => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const vertical = container.current ? stacked(container.current) : false;
    const r = vertical ? (e.clientY - box.top) / box.height : (e.clientX - box.left) / box.width;
    setRatio(r);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    let next: number | null = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = ratio - step;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = ratio + step;
    else if (e.key === 'Home') next = MIN_SPLIT;
    else if (e.key === 'End') next = MAX_SPLIT;
    else if (e.key === 'Enter') next = 0.5;
    if (next !== null) {
      e.preventDefault();
      setRatio(next);
    }
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize editor and terminal"
      aria-valuemin={MIN_SPLIT * 100}
      aria-valuemax={MAX_SPLIT * 100}
      aria-valuenow={Math.round(ratio * 100)}
      aria-valuetext={`Editor ${Math.round(ratio * 100)}% of the width`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) fromPointer(e);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onDoubleClick={() => setRatio(0.5)}
    >
      <span className="grip" aria-hidden="true" />
    </div>
  );
}
