import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';
import { stackedTableBelow } from '../common/stacked.styles.js';

export const scorecardStyles = [
  tokens,
  // Eight columns need about 900 px: below that each metric is a block of its figures, none cut.
  stackedTableBelow(900),
  css`
    :host {
      display: block;
      background: var(--_bg);
      font-size: var(--sla-scorecard-font-size, var(--sla-font-size, 16px));
      contain: layout style;
    }
    :host([hidden]) { display: none; }
    :host([status='ok']) { --_status: var(--_ok); }
    :host([status='warn']) { --_status: var(--_warn); }
    :host([status='breach']) { --_status: var(--_breach); }

    [part='header'] { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25em 1em; margin-block-end: 0.5em; }
    [part='title'] { font-size: 1.25em; font-weight: 700; }
    [part='period'] { color: var(--_muted); }

    [part='toolbar'] { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; margin-block-end: 0.75em; }
    fieldset { border: 0; margin: 0; padding: 0; display: inline-flex; align-items: center; gap: 0.25em; min-inline-size: 0; }
    legend { float: inline-start; margin-inline-end: 0.5em; padding: 0; color: var(--_muted); }
    .seg { display: inline-flex; flex-wrap: wrap; max-inline-size: 100%; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
    .seg label { position: relative; padding: 0.25em 0.7em; cursor: pointer; }
    .seg label + label { border-inline-start: 1px solid var(--_border); }
    .seg input { position: absolute; inset: 0; margin: 0; opacity: 0; cursor: pointer; }
    /* The chosen grain: bold on the track colour with an accent bar (reads in every theme, and without colour). */
    .seg label:has(input:checked) { background: var(--_track); font-weight: 700; box-shadow: inset 0 -3px 0 var(--_accent); }
    .seg label:has(input:focus-visible) { outline: 2px solid var(--_fg); outline-offset: -3px; }
    button {
      font: inherit; color: inherit; background: transparent; cursor: pointer;
      border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.25em 0.7em;
    }
    button:focus-visible { outline: 2px solid var(--_fg); outline-offset: 2px; }
    button:disabled { cursor: default; opacity: 0.55; }
    .spacer { flex: 1; }

    [part='state'] { color: var(--_muted); margin-block: 0.5em; }
    [part='state'][data-kind='error'], [part='export-error'] { color: var(--_breach); font-weight: 600; }

    table { border-collapse: collapse; inline-size: 100%; font-variant-numeric: tabular-nums; }
    caption { text-align: start; font-weight: 600; padding-block-end: 0.35em; }
    /* The metrics table's caption repeats the header above it: there for assistive technology only. */
    [part='table'] caption { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; padding: 0; }
    th, td { padding: 0.35em 0.6em; border-block-end: 1px solid var(--_track); text-align: end; vertical-align: baseline; }
    th:first-child, td:first-child, .text { text-align: start; }
    td { white-space: nowrap; }
    td.text { white-space: normal; }
    thead th { color: var(--_muted); font-weight: 600; font-size: 0.9em; }
    tbody th { font-weight: 600; text-align: start; }
    tbody th[title] { text-decoration: underline dotted; text-underline-offset: 0.2em; cursor: help; }
    [part='table'][aria-busy='true'] { opacity: 0.6; }
    .status { white-space: nowrap; text-align: start; font-weight: 600; }
    tr[data-status='ok'] .status, tr[data-status='ok'] .value { color: var(--_ok); }
    tr[data-status='warn'] .status, tr[data-status='warn'] .value { color: var(--_warn); }
    tr[data-status='breach'] .status, tr[data-status='breach'] .value { color: var(--_breach); }
    .value { font-weight: 700; }
    .icon { display: inline-block; inline-size: 1.1em; text-align: center; }
    .muted { color: var(--_muted); }
    .owed { color: var(--_breach); font-weight: 700; }
    .trend[data-way='better'] { color: var(--_ok); }
    .trend[data-way='worse'] { color: var(--_breach); }
    .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

    .sections { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1em; margin-block-start: 1em; }
    .sections p { margin: 0 0 0.3em; }
    .section-title { font-weight: 600; }
    dl { margin: 0; display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.2em 1em; }
    dt, dd { overflow-wrap: anywhere; }
    dt { color: var(--_muted); }
    dd { margin: 0; }
    ul { margin: 0; padding-inline-start: 1.2em; }
    [part='definitions'] { font-size: 0.85em; color: var(--_muted); }
    [part='definitions'] dt { color: var(--_fg); font-weight: 600; }
    [part='note'], [part='status-note'] { font-size: 0.85em; color: var(--_muted); margin-block: 0.4em 0; }
    [part='scope'] { margin-block: 0.6em 0; }

    @media (forced-colors: active) {
      .seg label:has(input:checked) { background: Highlight; color: HighlightText; forced-color-adjust: none; box-shadow: none; }
      button:disabled { color: GrayText; opacity: 1; }
    }

    /* Printed for a contract review: black on white, no controls, rows kept whole, heads repeated on each page. */
    @media print {
      :host {
        --_fg: #000; --_muted: #000; --_bg: #fff; --_ok: #000; --_warn: #000; --_breach: #000; --_track: #000; --_border: #000;
        color: #000; background: #fff; contain: none; font-size: 10.5pt;
      }
      [part='toolbar'], [part='export-error'] { display: none !important; }
      table { break-inside: auto; }
      thead { display: table-header-group; }
      tr, [part='credits'], [part='bonus'], [part='escalations'] { break-inside: avoid; }
      caption, .section-title { break-after: avoid; }
      th, td { border-block-end: 0.5pt solid #000; }
      .value, .status, .owed { font-weight: 700; }
      [part='table'][aria-busy='true'] { opacity: 1; }
      tbody th[title] { text-decoration: none; }
    }
    /* Below 900 px the table is a list (stackedTableBelow); above, a column too narrow still scrolls rather than cuts. */
    .table-scroll { overflow-x: auto; max-inline-size: 100%; }
    .table-scroll:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
    @media print { .table-scroll { overflow: visible; } }
`,
];
