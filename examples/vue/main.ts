import 'sla-widgets/source.js';
import 'sla-widgets/gauge.js';
import 'sla-widgets/queue-board.js';
import 'sla-widgets/themes/portal.css';
import type {} from 'sla-widgets/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
