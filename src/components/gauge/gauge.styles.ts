import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';

export const gaugeStyles = [
  tokens,
  css`
    :host {
      display: inline-block;
      inline-size: var(--sla-gauge-size, 12em);
      background: var(--_bg);
      contain: layout paint style;
    }
    [part='meter'] {
      display: grid;
      justify-items: center;
      text-align: center;
    }
    svg {
      inline-size: 100%;
      block-size: auto;
      overflow: visible;
    }
    .track { fill: var(--_track); }
    .band { fill: var(--_band); }
    .value { fill: var(--_status, var(--_muted)); }
    .marker { stroke: var(--_fg); stroke-width: 3; }
    :host([status='ok']) { --_status: var(--_ok); }
    :host([status='warn']) { --_status: var(--_warn); }
    :host([status='breach']) { --_status: var(--_breach); }
    [part='value'] {
      font-size: var(--sla-gauge-value-size, 1.6em);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      margin-block-start: -3.4em;
      color: var(--_status, var(--_fg));
    }
    [part='label'] { font-size: 0.95em; margin-block-start: 1.6em; }
    [part='target'], [part='trend'], [part='state'] { font-size: 0.8em; color: var(--_muted); }
    [part='status'] { font-size: 0.8em; font-weight: 600; white-space: nowrap; color: var(--_status, var(--_fg)); }
    [part='status'][data-status='warn'] { color: var(--_fg); }
    [part='status'] .mark { color: var(--_status); }
    [part='state'][data-kind='error'] { color: var(--_breach); }
  `,
];
