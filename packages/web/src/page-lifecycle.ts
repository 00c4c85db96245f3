/**
 * Calls `onHidden` when the page may be about to go away: `visibilitychange` to hidden (a tab
 * switch, the app backgrounded, and the first step of closing a tab on most browsers) and
 * `pagehide` (navigation or close; also the only signal on some mobile Safari paths).
 * `unloading` is true for a `pagehide` whose page is not kept in the back/forward cache: it
 * will not run again. Returns the function that removes the listeners.
 */
export function onPageHidden(win: Window, doc: Document, onHidden: (unloading: boolean) => void): () => void {
  const visibility = () => {
    if (doc.visibilityState === 'hidden') onHidden(false);
  };
  const pagehide = (event: Event) => onHidden(!(event as PageTransitionEvent).persisted);
  doc.addEventListener('visibilitychange', visibility);
  win.addEventListener('pagehide', pagehide);
  return () => {
    doc.removeEventListener('visibilitychange', visibility);
    win.removeEventListener('pagehide', pagehide);
  };
}
