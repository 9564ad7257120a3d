import { useEffect, useState } from 'preact/hooks';

/**
 * Overscan for a windowed list: 1 row until the first rows with data are on screen, then `full`.
 * The first screen then costs the visible rows only (rendering rows dominates a popup's first render);
 * the scroll buffer fills in on the next frame.
 */
export function useFirstScreenOverscan(loaded: boolean, full: number): number {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!loaded || shown) return undefined;
    const frame = requestAnimationFrame(() => setShown(true));
    return () => cancelAnimationFrame(frame);
  }, [loaded, shown]);
  return shown ? full : Math.min(1, full);
}
