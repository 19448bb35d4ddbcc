// React 19 passes props to custom elements as properties and `onsla-status-change` as a listener of
// `sla-status-change`; the typings come from sla-widgets/react (generated from the custom-elements manifest).
import 'sla-widgets/source.js';
import 'sla-widgets/gauge.js';
import 'sla-widgets/queue-board.js';
import 'sla-widgets/themes/portal.css';
import type {} from 'sla-widgets/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
