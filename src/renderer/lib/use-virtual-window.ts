import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';

export interface VirtualWindow {
  /** First and one-past-last item to render. */
  start: number;
  end: number;
  /** Space to leave above and below the rendered items, in px. */
  padTop: number;
  padBottom: number;
}

/** Rows beyond the visible area kept rendered, so scrolling and arrow keys find them ready. */
const OVERSCAN_PX = 600;

function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/**
 * Which items of a long list are on screen, for rendering only those. Heights are given in
 * rem (the theme scales with the window). The returned object changes only when the range
 * of items does, so scrolling within it re-renders none of the rows.
 */
export function useVirtualWindow(scroller: RefObject<HTMLElement | null>, heightsRem: readonly number[]): VirtualWindow {
  const [view, setView] = useState({ top: 0, height: 1200, rem: 16 });

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const next = { top: el.scrollTop, height: el.clientHeight, rem: rootFontPx() };
    setView((v) => (v.top === next.top && v.height === next.height && v.rem === next.rem ? v : next));
  }, [scroller]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scroller, measure]);

  const offsets = useMemo(() => {
    const out = new Float64Array(heightsRem.length + 1);
    for (let i = 0; i < heightsRem.length; i++) out[i + 1] = out[i]! + heightsRem[i]! * view.rem;
    return out;
  }, [heightsRem, view.rem]);

  const n = heightsRem.length;
  const total = offsets[n]!;
  const from = Math.max(0, view.top - OVERSCAN_PX);
  const to = view.top + view.height + OVERSCAN_PX;
  // Offsets are sorted: binary search for the first item ending after `from`, and the first starting after `to`.
  const search = (y: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid + 1]! <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = search(from);
  const end = Math.min(n, search(to) + 1);
  return useMemo(
    () => ({ start, end, padTop: offsets[start]!, padBottom: total - offsets[end]! }),
    [start, end, offsets, total],
  );
}
