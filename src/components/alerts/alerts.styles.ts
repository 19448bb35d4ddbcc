import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';

export const alertsStyles = [
  tokens,
  css`
    :host {
      display: block;
      background: var(--_bg);
      contain: layout paint style;
      container-type: inline-size;
      font-size: var(--sla-alerts-font-size, var(--sla-font-size, 16px));
    }
    [part='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.5em;
      padding-block-end: 0.35em;
      border-block-end: 1px solid var(--_border);
    }
    [part='title'] { font-weight: 700; }
    [part='count'] {
      font-variant-numeric: tabular-nums;
      border: 1px solid currentColor;
      border-radius: 1em;
      padding-inline: 0.45em;
      font-size: 0.85em;
    }
    [part='note'], [part='state'], [part='empty'], [part='more'] { color: var(--_muted); }
    [part='note'] { font-size: 0.85em; }
    [part='state'], [part='empty'] { margin: 0; padding: 0.6em 0.2em; }
    [part='state'][data-kind='error'] { color: var(--_breach); font-weight: 600; }
    ul[part='list'] { list-style: none; margin: 0; padding: 0; }
    li {
      display: grid;
      grid-template-columns: auto auto 1fr auto auto;
      align-items: baseline;
      column-gap: 0.6em;
      row-gap: 0.15em;
      padding: 0.45em 0.5em;
      border-block-end: 1px solid var(--_track);
      /* Severity is drawn by the edge's thickness and style as well as its colour, and said in words. */
      border-inline-start: var(--_edge-width, 0.3em) var(--_edge-style, solid) var(--_sev, var(--_muted));
    }
    li[data-severity='breach'] { --_sev: var(--_breach); --_edge-width: 0.45em; }
    li[data-severity='near'] { --_sev: var(--_warn); --_edge-style: dashed; }
    li[data-severity='stale'] { --_sev: var(--_muted); --_edge-style: dotted; }
    [part~='icon'] { color: var(--_sev, var(--_ok)); font-size: 1.05em; }
    [part~='severity'] {
      font-weight: 700;
      color: var(--_sev);
      text-transform: uppercase;
      letter-spacing: 0.03em;
      font-size: 0.85em;
    }
    [part~='queue'] { font-weight: 700; }
    [part~='value'] { font-weight: 700; font-variant-numeric: tabular-nums; }
    [part~='threshold'], [part~='since'], [part~='seen'] { color: var(--_muted); font-size: 0.9em; }
    [part~='since'] { font-variant-numeric: tabular-nums; }
    /* Acknowledged: still listed, dimmed (muted text, thin edge) until it clears; contrast stays readable. */
    li[data-acknowledged] { --_edge-width: 0.15em; color: var(--_muted); }
    li[data-acknowledged] [part~='severity'], li[data-acknowledged] [part~='queue'], li[data-acknowledged] [part~='value'] { font-weight: 500; }
    li[data-acknowledged] [part~='severity'], li[data-acknowledged] [part~='icon'] { color: var(--_muted); }
    button[part~='ack'] {
      font: inherit;
      font-size: 0.85em;
      color: var(--_fg);
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.2em 0.6em;
      cursor: pointer;
    }
    button[part~='ack'][aria-pressed='true'] { color: var(--_muted); border-style: dashed; }
    button[part~='ack']:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
    [part='empty'] [part~='icon'] { color: var(--_ok); }
    .sr {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    /* Narrow (a side panel, a phone): the text and the time go under the severity. */
    @container (max-width: 30em) {
      li { grid-template-columns: auto auto 1fr; }
      [part~='text'], [part~='since'] { grid-column: 2 / -1; }
    }
    @media (forced-colors: active) {
      li { border-inline-start-color: CanvasText; }
      li[data-severity='breach'] { border-inline-start-color: Mark; }
      /* Mark is a highlight background: as text on Canvas it would be unreadable. */
      [part~='severity'], [part~='icon'], [part='state'][data-kind='error'] { color: CanvasText; }
      button[part~='ack'] { color: ButtonText; background: ButtonFace; border-color: ButtonText; }
      button[part~='ack'][aria-pressed='true'] { color: HighlightText; background: Highlight; forced-color-adjust: none; }
      button[part~='ack']:focus-visible { outline-color: Highlight; }
    }
  `,
];
