import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle once no pointer or key has been used in this window for `minutes` (0: not watching). */
export function useIdle(minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!minutes) return;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm);
    };
  }, [minutes, onIdle]);
}
