import { useEffect, useState } from 'react';

/**
 * False on the render that brings `key` on screen, true once the browser has painted it: what lies below the fold
 * (long tables, charts, the map) is rendered then, so the first paint does not wait for it. A new key starts over.
 */
export function useAfterPaint(key: unknown): boolean {
  const [painted, setPainted] = useState<unknown>(undefined);
  useEffect(() => {
    if (key === undefined) return;
    // The first frame callback runs before that frame is painted, the second one after it.
    let second = 0;
    const first = requestAnimationFrame(() => (second = requestAnimationFrame(() => setPainted(key))));
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [key]);
  return key !== undefined && painted === key;
}
