import { computed, inject, provide, watchEffect, type ComputedRef, type InjectionKey } from 'vue';

/** What the page shows (a search's name, a project's, a data set's), for the window's title and the names of the files its charts save. */
const SUBJECT: InjectionKey<ComputedRef<string>> = Symbol('page subject');

/**
 * Name what this page shows: the window's (and the browser tab's, and its history entry's) title reads
 * "blowups · Knobs", and each chart below saves as "blowups-val-loss-against-trial.png", not one
 * "val-loss-against-trial.png" for every search. An empty subject (the home page): "Knobs".
 */
export function usePageSubject(subject: () => string): void {
  const s = computed(() => subject().trim());
  provide(SUBJECT, s);
  watchEffect(() => {
    document.title = s.value ? `${s.value} · Knobs` : 'Knobs';
  });
}

/** The subject of the page a component sits on ('' where none is named). */
export function pageSubject(): ComputedRef<string> {
  return inject(SUBJECT, computed(() => ''));
}
