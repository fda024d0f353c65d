/**
 * The order charts draw in: one at a time, those in the window first, from the top of the page
 * down, then the others as the page is idle; a chart that scrolls into the window goes before those
 * that have not. A search of 10,000 trials over 8 knobs opened its Search-space tab with 18 charts
 * drawing in one go, and the page froze for seconds before the first of them appeared; TensorBoard
 * draws its cards the same way, as they come into view. Between two charts the page paints and
 * answers input. A chart not drawn yet keeps its box, so nothing moves when it draws; one with no
 * box (in a hidden part of the page) waits until it has one. Where the browser has no
 * IntersectionObserver every chart draws at once.
 */

interface Waiting {
  el: Element;
  draw: () => void;
}

const waiting: Waiting[] = [];
let observer: IntersectionObserver | null = null;
let stepScheduled = false;
/** Charts drawn so far through the queue (their `data-turn`). */
let turns = 0;

/** The chart highest on the page (a chart put on the page later, above the others, goes first). */
function firstOnPage(ws: Waiting[]): Waiting | undefined {
  return ws.reduce<Waiting | undefined>((a, b) => (a === undefined || a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_PRECEDING ? b : a), undefined);
}

/** Where a waiting chart is now: in the window, below or above it, or nowhere (no box: hidden). */
function placeOf(w: Waiting): 'in' | 'out' | 'none' {
  const r = w.el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return 'none';
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth ? 'in' : 'out';
}

/** Draw the next chart (the first in the window, else the first out of it), then schedule the one after. */
function step(): void {
  stepScheduled = false;
  const places = new Map(waiting.map((w) => [w, placeOf(w)]));
  const w = firstOnPage(waiting.filter((x) => places.get(x) === 'in')) ?? firstOnPage(waiting.filter((x) => places.get(x) === 'out'));
  if (!w) {
    // Only hidden charts wait: look again shortly (shown below the window, none would be reported).
    if (waiting.length > 0) setTimeout(schedule, 250);
    return;
  }
  waiting.splice(waiting.indexOf(w), 1);
  observer?.unobserve(w.el);
  // Written on the element for tests and the dashboard benchmark: the chart's turn, and where it was when it came.
  if (w.el instanceof HTMLElement) Object.assign(w.el.dataset, { turn: String(++turns), turnPlace: places.get(w) });
  try {
    w.draw();
  } finally {
    schedule();
  }
}

/** The next step: at the next frame while a chart in the window waits, else when the page is idle. */
function schedule(): void {
  if (stepScheduled || waiting.length === 0) return;
  stepScheduled = true;
  if (waiting.some((w) => placeOf(w) === 'in') || typeof requestIdleCallback !== 'function') requestAnimationFrame(step);
  else requestIdleCallback(step, { timeout: 200 });
}

/**
 * Call `draw` once it is `el`'s turn: in the window, the frame after the charts above it drew; out
 * of it, when the page is idle after every chart in the window drew. Returns a cancel for a chart
 * taken off the page before it drew.
 */
export function drawInTurn(el: Element, draw: () => void): () => void {
  if (typeof IntersectionObserver !== 'function') {
    draw();
    return () => {};
  }
  const w: Waiting = { el, draw };
  waiting.push(w);
  // It reports when a chart comes into the window, scrolled or shown: its turn may have come.
  observer ??= new IntersectionObserver(() => schedule());
  observer.observe(el);
  schedule();
  return () => {
    const i = waiting.indexOf(w);
    if (i >= 0) waiting.splice(i, 1);
    observer?.unobserve(el);
  };
}
