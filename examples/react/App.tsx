import { useState } from 'react';
import type { BoardThresholds, StatusChangeDetail } from 'sla-widgets';

// The CSV ships with the page (Vite copies it); the zone is pinned so every reader sees the same day.
const csv = new URL('../data/sample.csv', import.meta.url).href;
const thresholds: BoardThresholds = { serviceLevel: { target: 0.8, margin: 0.03 }, longestWait: { threshold: 120 } };

export function App() {
  const [status, setStatus] = useState('waiting for data');
  const [target, setTarget] = useState(0.8);
  const onStatus = (e: CustomEvent<StatusChangeDetail>) => setStatus(`${e.detail.metric}: ${e.detail.status ?? 'no status'}`);
  return (
    <main>
      <h1>Contact center today (React)</h1>
      <sla-source id="main" src={csv} tz="America/New_York" sl="80/20">
        <sla-gauge metric="serviceLevel" label="Service level 80/20" target={target} margin={0.03} onsla-status-change={onStatus} />
        <sla-gauge metric="asa" label="Average speed of answer" target={30} margin={5} />
        <sla-queue-board thresholds={thresholds} label="Queues today" />
      </sla-source>
      <p>
        <label>
          Service-level target{' '}
          <select value={target} onChange={(e) => setTarget(Number(e.currentTarget.value))}>
            <option value={0.8}>80 %</option>
            <option value={0.9}>90 %</option>
          </select>
        </label>
      </p>
      <output id="status" aria-live="polite">{status}</output>
    </main>
  );
}
