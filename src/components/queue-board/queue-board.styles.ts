import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';
import { stackedTable } from '../common/stacked.styles.js';

export const queueBoardStyles = [
  tokens,
  stackedTable,
  css`
    :host { display: block; font-size: var(--sla-board-font-size, var(--sla-font-size, 16px)); background: var(--_bg); contain: layout paint style; }
    /* Fixed layout: a new figure in one cell does not re-measure the whole table (a wallboard updates every second). */
    table { border-collapse: collapse; inline-size: 100%; table-layout: fixed; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.35em 0.6em; text-align: end; border-block-end: 1px solid var(--_track); }
    th:first-child, td:first-child { text-align: start; }
    th button {
      all: unset; cursor: pointer; font-weight: 600; color: var(--_muted);
    }
    th button:focus-visible { outline: 2px solid var(--_fg); outline-offset: 2px; }
    /* The figures that are off carry the colour; the queue's name carries the row's status (with a mark, not
       colour alone). */
    td[data-status='warn'] { color: var(--_warn); font-weight: 600; }
    td[data-status='breach'] { color: var(--_breach); font-weight: 700; }
    tr[data-status='warn'] th { color: var(--_warn); }
    tr[data-status='breach'] th { color: var(--_breach); }
    tr[data-status='warn'] th::before { content: '▲ '; }
    tr[data-status='breach'] th::before { content: '● '; }
    [part='state'] { color: var(--_muted); padding: 0.5em; }
    /* The queue's name and its status words get the widest column, on one line where they fit (a wallboard);
       where they do not, the status in words (not by colour alone) goes under the name, and a name too long
       for its cell breaks between words: neither runs into the figures beside it. */
    thead th:first-child { inline-size: 24%; }
    tbody th { overflow-wrap: anywhere; }
    .status { font-size: 0.9em; font-weight: 600; }
    .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    tbody th { font-weight: 600; text-align: start; }
    [part='agents'] { color: var(--_muted); font-size: 0.9em; padding-block-start: 0.4em; }
  `,
];
