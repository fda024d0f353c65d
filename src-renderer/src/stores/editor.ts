import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { SearchSummary, SpecCheck } from '../../../src-core/api/contract';
import { api, ApiCallError } from '../api';
import { spaceAround } from '../../../src-core/search/around';
import { fieldIssues, issuesAt, type FieldIssue } from '../model/issues';
import { formIssues, formTask, fromSpec, movingKnobs, specFromJson, startForm, toSpec, type SpecForm } from '../model/specForm';
import { useApp } from './app';
import { failedWord, failureRules, failureSentences, type FailureRule } from '../../../src-core/analysis/failures';
import { failureHint, type FailureHint } from '../model/failureHints';

/** Where the editor was opened from (the route's query): a data set, a project, or a search to copy. */
export interface EditorOrigin {
  dataset?: string;
  project?: string;
  from?: number;
  /** With `from`: a trial of that search, whose space is narrowed around it (spaceAround). */
  around?: number;
}

const DRAFT = 'knobs-draft';
const originKey = (o: EditorOrigin): string => JSON.stringify([o.dataset ?? null, o.project ?? null, o.from ?? null, o.around ?? null]);

/**
 * The search editor's form (a draft kept for this browser tab, so Back, Forward and reload keep what
 * was typed), its check by the engine as you type, and running it.
 */
export const useEditor = defineStore('editor', () => {
  const app = useApp();
  const form = ref<SpecForm>(startForm());
  const origin = ref('');
  const check = shallowRef<SpecCheck | null>(null);
  /** The engine's answer when Run was refused, with each issue at its field. */
  const runIssues = shallowRef<FieldIssue[]>([]);
  const runError = ref('');
  const running = ref(false);
  const spec = computed(() => toSpec(form.value));
  const moving = computed(() => movingKnobs(form.value));
  /** Every issue: the form's own (precise words), then the engine's, each at its spec path. */
  const issues = computed((): FieldIssue[] => {
    const own = formIssues(form.value);
    // No imported data set chosen yet: the form says so, in place of the engine's "dataset.csv: must not be empty".
    const unchosen = own.some((i) => i.path === 'dataset');
    const engine = check.value ? fieldIssues(check.value.issues).filter((i) => !(unchosen && issuesAt([i], 'dataset').length > 0)) : [];
    return [...own, ...engine, ...runIssues.value];
  });
  /**
   * Valid settings that will not do what they seem to (TPE's startup taking the whole budget, a pruner
   * that never prunes, accuracy minimized), each at its spec path: the search still runs. "No knob
   * moves" is left to the footer's own tag and the dialog Run opens, and a budget that cuts the
   * strategy's plan to the note under the Budget field and the footer's "the budget cuts …" tag.
   */
  const cautions = computed((): FieldIssue[] => (check.value?.ok ? fieldIssues(check.value.cautions ?? []).filter((c) => c.path !== 'space' && c.path !== 'budget.trials') : []));
  /** The form's strategy as the engine describes it (its settings, their defaults and help). */
  const strategyForm = computed(() => app.vocabulary?.strategyForms.find((x) => x.kind === form.value.strategy.kind));
  /** The data set's task: the form's where it says it, else the one the engine read from the file (a CSV's target column), else null. */
  const task = computed(() => formTask(form.value.dataset, check.value?.task ?? null));
  /** What the strategy and the budget will run, in the strategy's own words (null until the engine has answered, or while the strategy or budget are not valid). */
  const plan = computed(() => check.value?.budget ?? null);

  /** Open the editor for an origin: the draft of the same origin when there is one, else the shared template (or the copied search's spec). */
  async function start(o: EditorOrigin): Promise<void> {
    const k = originKey(o);
    if (origin.value === k) return;
    void loadFailures(o.from);
    const saved = sessionStorage.getItem(DRAFT);
    if (saved) {
      try {
        const d = JSON.parse(saved) as { origin: string; form: SpecForm };
        if (d.origin === k) {
          origin.value = k;
          form.value = { ...startForm(), ...d.form };
          // A draft from before strategies had their own settings.
          if (!form.value.strategy?.settings) form.value.strategy = startForm().strategy;
          // A draft from before pruners had their settings per kind.
          if (!form.value.pruner?.settings) form.value.pruner = startForm().pruner;
          return;
        }
      } catch {
        sessionStorage.removeItem(DRAFT);
      }
    }
    origin.value = k;
    runIssues.value = [];
    runError.value = '';
    if (o.from !== undefined) {
      const d = await app.searchDetail(o.from);
      const spec = d?.spec as { space?: Record<string, unknown> } | undefined;
      const trial = d && o.around !== undefined ? await app.guard(() => api.call('trials.get', { searchId: d.id, number: o.around! })) : undefined;
      if (d && trial && spec?.space) {
        form.value = fromSpec({ ...spec, name: `${d.name} around trial ${trial.number}`, space: spaceAround(spec.space, trial.knobs) });
        return;
      }
      form.value = d ? fromSpec({ ...(d.spec as object), name: `${d.name} copy` }) : startForm();
      return;
    }
    const ds = o.dataset ? app.datasets.find((x) => x.name === o.dataset) : undefined;
    const project = o.project ?? app.projects[0]?.name;
    form.value = startForm({ dataset: ds?.ref, project, name: `search ${app.searches.length + 1}` });
  }

  /** Where the trials of the search this one starts from failed (its overview's rules), for the hints beside the knobs; null for any other start. */
  const fromFailures = shallowRef<{ id: number; name: string; rules: FailureRule[]; sentences: string[] } | null>(null);
  let failuresAsked = 0;
  async function loadFailures(from: number | undefined): Promise<void> {
    const asked = ++failuresAsked;
    fromFailures.value = null;
    if (from === undefined) return;
    const [d, changes] = await Promise.all([app.searchDetail(from), app.guard(() => api.call('trials.changes', { searchId: from, since: '' }))]);
    // The editor was opened from elsewhere meanwhile: this answer is for a start no longer shown.
    if (!d || !changes || asked !== failuresAsked) return;
    const rules = failureRules(changes.trials, d.knobs);
    fromFailures.value = { id: d.id, name: d.name, rules, sentences: failureSentences(rules, failedWord(changes.trials)) };
  }
  /** For each rule, the edit of this form's knob that leaves its failed region out (none once the knob no longer reaches it). */
  const failureHints = computed((): FailureHint[] => {
    const ff = fromFailures.value;
    if (!ff) return [];
    return ff.rules.flatMap((r, i) => failureHint(r, ff.sentences[i], form.value.knobs) ?? []);
  });
  /** Apply a hint's edit to its knob. */
  function applyHint(h: FailureHint): void {
    const row = form.value.knobs[h.row];
    if (row) Object.assign(row, h.set);
  }

  watch(form, (f) => {
    if (origin.value) sessionStorage.setItem(DRAFT, JSON.stringify({ origin: origin.value, form: f }));
    runIssues.value = [];
  }, { deep: true });

  let timer: ReturnType<typeof setTimeout> | null = null;
  watch(spec, (s) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        check.value = await api.call('searches.validate', { spec: s });
      } catch (e) {
        check.value = { ok: false, issues: [{ path: '', message: (e as Error).message }], plannedTrials: null, budget: null, pruner: null, cautions: [] };
      }
    }, 250);
  }, { immediate: true, deep: true });

  /** Replace the form with a spec (a loaded JSON file); throws, leaving the form as it was, when the text is not JSON or not a spec's shape. */
  function applyJson(text: string): void {
    form.value = specFromJson(text);
  }

  /** Save the spec as a JSON file. */
  async function saveJson(): Promise<string | null | undefined> {
    const name = `${(form.value.name || 'search').replace(/[^\w.-]+/g, '_')}.json`;
    return app.saveText(name, `${JSON.stringify(spec.value, null, 2)}\n`);
  }

  /** Create the search and start it; resolves to it, or null when the engine refused (its issues then show at their fields). */
  async function run(): Promise<SearchSummary | null> {
    runError.value = '';
    runIssues.value = [];
    running.value = true;
    try {
      const s = await api.call('searches.create', { spec: spec.value, start: true });
      sessionStorage.removeItem(DRAFT);
      origin.value = '';
      await app.loadAll();
      return s;
    } catch (e) {
      const err = e as Error;
      runError.value = err.message;
      runIssues.value = fieldIssues(err instanceof ApiCallError && err.issues.length > 0 ? err.issues : err.message.split('\n').filter(Boolean));
      return null;
    } finally {
      running.value = false;
    }
  }

  return { form, check, spec, moving, issues, cautions, task, plan, strategyForm, runError, runIssues, running, start, applyJson, saveJson, run, fromFailures, failureHints, applyHint };
});
