import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { installA11yPatches } from './a11y';
import App from './App.vue';

createApp(App).use(createPinia()).mount('#app');
installA11yPatches();
