import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';
import { stackedTable } from '../common/stacked.styles.js';

export const staffingStyles = [
  tokens,
  stackedTable,
  css`
    :host {
      display: block;
      background: var(--_bg);
      contain: layout paint style;
    }
    :host([hidden]) { display: none; }
    form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11em, 1fr));
      gap: 0.75em 1em;
      align-items: start;
    }
    .field { display: grid; gap: 0.2em; }
    label { font-size: 0.9em; font-weight: 600; }
    input, select {
      font: inherit;
      color: var(--_fg);
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.3em 0.45em;
      min-inline-size: 0;
      font-variant-numeric: tabular-nums;
    }
    select option { color: initial; }
    input:focus-visible, select:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
    input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--_breach); border-width: 2px; }
    .hint { font-size: 0.8em; color: var(--_muted); }
    .message { font-size: 0.85em; color: var(--_breach); }
    .message:empty { display: none; }

    [part='result'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1.5em;
      align-items: baseline;
      margin-block: 1em 0.5em;
      padding: 0.6em 0.8em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .figure { display: grid; }
    .figure-label { font-size: 0.8em; color: var(--_muted); }
    output { font-weight: 700; font-variant-numeric: tabular-nums; font-size: 1.2em; }
    .figure.main output { font-size: var(--sla-staffing-figure-size, 2em); color: var(--_accent); }
    .invalid { margin: 0; color: var(--_breach); }

    table { border-collapse: collapse; inline-size: 100%; font-variant-numeric: tabular-nums; margin-block: 0.5em; }
    caption { text-align: start; font-weight: 600; padding-block-end: 0.3em; }
    th, td { padding: 0.25em 0.6em; text-align: end; border-block-end: 1px solid var(--_track); }
    th:first-child { text-align: start; }
    thead th { color: var(--_muted); font-weight: 600; }
    tbody th { font-weight: 600; }
    tr.required th, tr.required td { font-weight: 700; }
    tr.required th:first-child { box-shadow: inset 4px 0 0 var(--_accent); }
    tr.below td { color: var(--_muted); }
    .tag { font-size: 0.8em; font-weight: 600; color: var(--_accent); }
    .tag.short, tr.short td { color: var(--_breach); }
    tr.short th:first-child { box-shadow: inset 4px 0 0 var(--_breach); }
    .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

    [part='intervals'] { margin-block-start: 1.2em; }
    .intervals-title { font-weight: 700; font-size: 1.05em; margin-block-end: 0.4em; }
    .day { display: flex; gap: 0.5em; align-items: center; margin-block-end: 0.5em; }
    [part='state'] { color: var(--_muted); padding-block: 0.4em; }
    [part='state'][data-kind='error'] { color: var(--_breach); }
    [part='note'] { margin: 0.3em 0; font-size: 0.9em; color: var(--_muted); }
    [part='chart'] { display: block; inline-size: 100%; block-size: auto; max-block-size: 12em; }
    .grid { stroke: var(--_track); stroke-width: 1; }
    .tick { fill: var(--_muted); font-size: 10px; }
    .bar { fill: var(--_ok); opacity: 0.55; }
    .bar.short { fill: var(--_breach); opacity: 0.75; }
    .required { fill: none; stroke: var(--_accent); stroke-width: 2.5; }

    @media (forced-colors: active) {
      input[aria-invalid='true'], select[aria-invalid='true'] { border-color: Mark; }
      .bar { fill: GrayText; opacity: 1; }
      .bar.short { fill: Mark; }
      .required { stroke: LinkText; }
      tr.required th:first-child { box-shadow: inset 4px 0 0 Highlight; }
    }
  `,
];
