import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { installA11yPatches } from './a11y';
import App from './App.vue';
import { makeRouter } from './router';

createApp(App).use(createPinia()).use(makeRouter()).mount('#app');
installA11yPatches();
