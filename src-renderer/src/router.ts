import { createRouter, createWebHashHistory, createWebHistory, type Router } from 'vue-router';
import DatasetView from './views/DatasetView.vue';
import ExperimentsView from './views/ExperimentsView.vue';
import HomeView from './views/HomeView.vue';
import ImportView from './views/ImportView.vue';
import NotFoundView from './views/NotFoundView.vue';
import PlaygroundView from './views/PlaygroundView.vue';
import ProjectView from './views/ProjectView.vue';
import CompareView from './views/compare/CompareView.vue';
import SearchEditor from './views/editor/SearchEditor.vue';
import SearchView from './views/search/SearchView.vue';

/** The app's router: real paths in a browser (`knobs serve`), the same routes after '#' where the page is a file (Electron). */
export function makeRouter(): Router {
  const history = location.protocol === 'file:' ? createWebHashHistory() : createWebHistory('/');
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/index.html', redirect: '/' },
      { path: '/projects/:id(\\d+)', name: 'project', component: ProjectView, props: (r) => ({ id: Number(r.params.id) }) },
      // Any word after the search's id: one that names no tab shows the search's overview with a note listing its tabs (SearchView).
      { path: '/searches/:id(\\d+)/:tab?', name: 'search', component: SearchView, props: (r) => ({ id: Number(r.params.id) }) },
      { path: '/compare', name: 'compare', component: CompareView },
      { path: '/datasets/:name', name: 'dataset', component: DatasetView, props: (r) => ({ dataset: String(r.params.name) }) },
      { path: '/import', name: 'import', component: ImportView },
      { path: '/new', name: 'editor', component: SearchEditor },
      { path: '/experiments', name: 'experiments', component: ExperimentsView },
      { path: '/playground', name: 'playground', component: PlaygroundView },
      { path: '/:rest(.*)*', name: 'missing', component: NotFoundView },
    ],
  });
}
