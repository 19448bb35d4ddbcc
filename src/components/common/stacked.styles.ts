import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * A table that becomes a list in a narrow widget (a phone's column, a portal's side panel): below `px` (480 by
 * default) each row is a block, each cell a line with its column's name (the cell's data-label) and its value —
 * no column is ever cut or scrolled away. The widget's host is the container measured (it must be display: block).
 */
export const stackedTableBelow = (px: number): CSSResult => css`
  :host { container-type: inline-size; }
  /* On paper a table stays a table (its heads repeated on each page). */
  @media print { :host { container-type: normal; } }
  @container (inline-size < ${unsafeCSS(px)}px) {
    table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack tbody th { display: block; }
    table.stack caption { display: block; }
    table.stack thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    table.stack tr { padding-block: 0.35em; border-block-end: 1px solid var(--_track); }
    table.stack tbody th, table.stack td { border: none; padding: 0.05em 0.4em; text-align: start; }
    table.stack td { display: flex; justify-content: space-between; gap: 1em; }
    table.stack td::before { content: attr(data-label); color: var(--_muted); font-weight: 400; }
  }
`;

export const stackedTable = stackedTableBelow(480);
