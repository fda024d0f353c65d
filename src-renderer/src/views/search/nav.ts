import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { intOf, intsOf, searchLink, tabOf, type SearchTab } from '../../routes';

/** The open search's place in the URL: its tab, the trial whose drawer is open, the compared trials; and moving between them. */
export function useSearchNav() {
  const route = useRoute();
  const router = useRouter();
  const id = computed(() => intOf(route.params.id) ?? -1);
  const tab = computed(() => tabOf(route.params.tab));
  const drawerTrial = computed(() => intOf(route.query.trial));
  const compared = computed(() => intsOf(route.query.trials));

  /** Open a trial's drawer (Back closes it). */
  const openTrial = (n: number): void => void router.push(searchLink(id.value, tab.value, { trial: n, trials: tab.value === 'compare' ? compared.value : [] }));
  /** Show another trial in the open drawer (replacing this one in the history, so Back still closes the drawer). */
  const stepTrial = (n: number): void => void router.replace(searchLink(id.value, tab.value, { trial: n, trials: tab.value === 'compare' ? compared.value : [] }));
  /** Close the drawer. */
  const closeTrial = (): void => void router.push(searchLink(id.value, tab.value, { trials: tab.value === 'compare' ? compared.value : [] }));
  /** Go to a tab (compare takes the trials to compare). */
  const goTab = (t: SearchTab, trials: number[] = []): void => void router.push(searchLink(id.value, t, { trials: t === 'compare' ? trials : [] }));

  return { id, tab, drawerTrial, compared, openTrial, stepTrial, closeTrial, goTab, router, route };
}
