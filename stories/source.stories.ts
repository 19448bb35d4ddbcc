// <sla-source>: the data behind the widgets inside it (a file, a URL or a live stream), read and summed in the
// engine's worker. Here a generated week of contacts as a file, with a gauge and a queue board that read it;
// the controls change the zone, the service level and the interval, and every widget follows.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { usage } from './usage.js';
import '../src/components/source/source.js';
import '../src/components/gauge/gauge.js';
import '../src/components/queue-board/queue-board.js';
import { generateContactsCsv } from '../src/sample/generate.js';
import type { SlaGauge } from '../src/components/gauge/gauge.component.js';

interface Args { tz: string; sl: string; interval: number; shortAbandon: number }

const FILE = new Blob([...generateContactsCsv({ contacts: 3000, seed: 'story', start: '2026-03-02', days: 5 })], { type: 'text/csv' });

const meta: Meta<Args> = {
  parameters: usage('sla-source', '', 'The data behind the widgets inside it (or naming it by id): a CSV file or URL, or a live stream (WebSocket, SSE, NDJSON), read and summed in a Web Worker and kept in IndexedDB. Every widget in it shows figures by the same definitions: zone, service level, interval.'),
  title: 'Data/Source',
  component: 'sla-source',
  args: { tz: 'America/New_York', sl: '80/20', interval: 15, shortAbandon: 5 },
  argTypes: {
    tz: { control: 'select', options: ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'UTC'] },
    sl: { control: 'select', options: ['80/20', '90/30', '70/60'] },
    interval: { control: 'inline-radio', options: [15, 30, 60] },
    shortAbandon: { control: { type: 'number', min: 0, max: 60, step: 1 } },
  },
  render: (a) => html`
    <sla-source tz=${a.tz} sl=${a.sl} interval=${a.interval} short-abandon=${a.shortAbandon} .file=${FILE}>
      <div style="display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: start">
        <sla-gauge metric="serviceLevel" target="0.8" margin="0.03" label="Service level, all queues" throttle="200"></sla-gauge>
        <sla-queue-board style="flex: 1 1 28rem" throttle="200"></sla-queue-board>
      </div>
    </sla-source>
  `,
};
export default meta;
type Story = StoryObj<Args>;

export const AFile: Story = {
  play: async ({ canvasElement }) => {
    const gauge = canvasElement.querySelector('sla-gauge') as SlaGauge;
    await waitFor(() => expect(gauge.value).not.toBeNull(), { timeout: 20000 });
    await expect(gauge.value! > 0 && gauge.value! <= 1).toBe(true);
    const board = canvasElement.querySelector('sla-queue-board')!;
    await waitFor(() => expect(board.shadowRoot!.querySelectorAll('tbody tr').length).toBeGreaterThan(0), { timeout: 20000 });
  },
};

export const StricterTarget: Story = {
  args: { sl: '90/30' },
  play: async ({ canvasElement }) => {
    const gauge = canvasElement.querySelector('sla-gauge') as SlaGauge;
    await waitFor(() => expect(gauge.definition).toMatch(/90/), { timeout: 20000 });
  },
};
