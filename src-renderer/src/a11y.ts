/**
 * Names and roles that naive-ui leaves out, added to its rendered DOM as it appears (a
 * MutationObserver on the page): dialogs (named by their title), the step buttons of number inputs ("Increase"/"Decrease" plus the
 * field's name), slider handles (named from the aria-label given to the NSlider), card headers
 * (role "heading" needs a level), the typing box of selects, scrollable regions that overflow
 * (focusable, so a keyboard can scroll them), and tabs: naive-ui's NTabs has no roles and no
 * keyboard support, so they get the ARIA tabs pattern (tablist/tab/tabpanel, aria-selected, the
 * active tab in the Tab order, arrow keys, Home and End move between tabs, Enter and Space pick). Views name their controls themselves (aria-label on switches, checkboxes, progress bars,
 * icon buttons); this only reaches inside library components where no prop can.
 */

const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The name a number input or slider carries: its own aria-label, else its form item's label. */
function fieldName(el: Element): string {
  const own = el.closest('[aria-label]')?.getAttribute('aria-label');
  if (own) return own;
  const label = el.closest('.n-form-item')?.querySelector('.n-form-item-label__text, .n-form-item-label')?.textContent?.trim();
  return label ?? '';
}

function patchTabs(root: ParentNode): void {
  for (const tabs of root.querySelectorAll('.n-tabs')) {
    const own = (el: Element) => el.closest('.n-tabs') === tabs;
    for (const list of tabs.querySelectorAll('.n-tabs-wrapper')) if (own(list)) list.setAttribute('role', 'tablist');
    for (const w of tabs.querySelectorAll('.n-tabs-tab-wrapper, .n-tabs-tab-pad, .n-tabs-bar')) if (own(w)) w.setAttribute('role', 'none');
    for (const tab of tabs.querySelectorAll('.n-tabs-tab')) {
      if (!own(tab)) continue;
      const on = tab.classList.contains('n-tabs-tab--active');
      if (tab.getAttribute('role') !== 'tab') tab.setAttribute('role', 'tab');
      if (tab.getAttribute('aria-selected') !== String(on)) tab.setAttribute('aria-selected', String(on));
      if (tab.getAttribute('tabindex') !== (on ? '0' : '-1')) tab.setAttribute('tabindex', on ? '0' : '-1');
    }
    for (const pane of tabs.querySelectorAll('.n-tab-pane')) if (own(pane)) pane.setAttribute('role', 'tabpanel');
  }
}

/** Arrow keys, Home and End move between tabs (and pick the tab, as a click would); Enter and Space pick the focused tab. */
function onTabKey(e: KeyboardEvent): void {
  const tab = e.target instanceof Element ? e.target.closest('.n-tabs-tab[role="tab"]') : null;
  const list = tab?.closest('[role="tablist"]');
  if (!tab || !list) return;
  const all = [...list.querySelectorAll<HTMLElement>('.n-tabs-tab[role="tab"]:not(.n-tabs-tab--disabled)')];
  const i = all.indexOf(tab as HTMLElement);
  const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1, Enter: i, ' ': i }[e.key];
  if (to === undefined || i < 0) return;
  e.preventDefault();
  const next = all[(to + all.length) % all.length];
  next.click();
  next.focus();
}

let ids = 0;

function patch(root: ParentNode): void {
  patchTabs(root);
  // Dialogs and drawers are named by their title.
  for (const dialog of root.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
    if (dialog.hasAttribute('aria-label') || dialog.hasAttribute('aria-labelledby')) continue;
    const title = dialog.querySelector('.n-dialog__title, .n-drawer-header__main, .n-card-header__main');
    if (!title) continue;
    title.id ||= `a11y-title-${++ids}`;
    dialog.setAttribute('aria-labelledby', title.id);
  }
  for (const number of root.querySelectorAll('.n-input-number')) {
    const name = fieldName(number);
    const input = number.querySelector('input');
    if (input && name && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', name);
    // The step buttons, minus first (on the left, or both on the right).
    const [minus, plus] = number.querySelectorAll('.n-input__prefix .n-button, .n-input__suffix .n-button');
    if (minus && !minus.hasAttribute('aria-label')) minus.setAttribute('aria-label', `Decrease${name ? ` ${name}` : ''}`);
    if (plus && !plus.hasAttribute('aria-label')) plus.setAttribute('aria-label', `Increase${name ? ` ${name}` : ''}`);
  }
  for (const slider of root.querySelectorAll('.n-slider')) {
    const name = fieldName(slider);
    const handles = slider.querySelectorAll('[role="slider"]');
    handles.forEach((h, i) => {
      const want = handles.length === 2 ? `${name} (${i === 0 ? 'from' : 'to'})` : name;
      if (want && h.getAttribute('aria-label') !== want) h.setAttribute('aria-label', want);
    });
  }
  for (const input of root.querySelectorAll('input.n-base-selection-input, .n-base-selection-input-tag input')) {
    const name = fieldName(input);
    if (name && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', name);
  }
  for (const heading of root.querySelectorAll('.n-card-header[role="heading"]')) {
    // naive-ui marks both the header and its title as headings; the title alone is the heading.
    heading.setAttribute('role', 'none');
    const title = heading.querySelector('.n-card-header__main');
    if (title && !title.hasAttribute('aria-level')) title.setAttribute('aria-level', '3');
  }
  for (const region of root.querySelectorAll<HTMLElement>('.n-scrollbar-container, .n-data-table-base-table-header, .n-data-table-base-table-body')) {
    const overflows = region.scrollHeight > region.clientHeight + 1 || region.scrollWidth > region.clientWidth + 1;
    if (overflows && !region.hasAttribute('tabindex') && !region.querySelector(FOCUSABLE)) region.setAttribute('tabindex', '0');
  }
}

/** Start patching the page (call once, after mounting the app). */
export function installA11yPatches(target: HTMLElement = document.body): void {
  patch(target);
  let timer: ReturnType<typeof setTimeout> | null = null;
  new MutationObserver(() => {
    timer ??= setTimeout(() => {
      timer = null;
      patch(target);
    }, 50);
  }).observe(target, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  target.addEventListener('keydown', onTabKey);
}
