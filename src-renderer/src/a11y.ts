/**
 * Names and roles that naive-ui leaves out, added to its rendered DOM as it appears (a
 * MutationObserver on the page): the step buttons of number inputs ("Increase"/"Decrease" plus the
 * field's name), slider handles (named from the aria-label given to the NSlider), card headers
 * (role "heading" needs a level), the typing box of selects, and scrollable regions that overflow
 * (focusable, so a keyboard can scroll them). Views name their controls themselves (aria-label on switches, checkboxes, progress bars,
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

function patch(root: ParentNode): void {
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
  }).observe(target, { subtree: true, childList: true });
}
