import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';

export const trendStyles = [
  tokens,
  css`
    /* The layout lives in .frame, not on :host: a page that styles the tag (display: block, a height) keeps it. */
    :host {
      display: block;
      block-size: var(--sla-trend-height, 12em);
      min-block-size: 6em;
      min-inline-size: 10em;
      position: relative;
      background: var(--_bg);
      contain: layout paint style;
      box-sizing: border-box;
    }
    :host([hidden]) { display: none; }
    .frame { display: flex; flex-direction: column; block-size: 100%; min-block-size: inherit; }
    [part='header'] {
      display: flex;
      align-items: baseline;
      gap: 0.6em;
      white-space: nowrap;
      min-inline-size: 0;
      line-height: 1.3;
    }
    [part='label'] {
      flex: 1 1 auto;
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      font-weight: 600;
    }
    [part='value'] { font-weight: 700; font-variant-numeric: tabular-nums; color: var(--_status, var(--_fg)); }
    [part='value'][data-status='ok'] { --_status: var(--_ok); }
    [part='value'][data-status='warn'] { --_status: var(--_warn); }
    [part='value'][data-status='breach'] { --_status: var(--_breach); }
    .narrow { gap: 0.4em; }
    .narrow .wide { display: none; }
    .latest { font-size: 0.8em; color: var(--_muted); }
    [part='target'] { font-size: 0.8em; color: var(--_muted); font-variant-numeric: tabular-nums; }
    [part='details'] { font-size: 0.8em; }
    [part='details'] > summary {
      cursor: pointer;
      color: var(--_muted);
      list-style-position: inside;
      border-radius: var(--_radius);
      padding-inline: 0.2em;
    }
    [part='details'] > summary:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
    [part='details'] .panel {
      position: absolute;
      inset: 1.7em 0 0 0;
      z-index: 1;
      overflow: auto;
      padding: 0.5em 0.75em;
      white-space: normal;
      color: var(--_fg);
      background: Canvas;
      background: var(--sla-color-surface, Canvas);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      font-size: 1.1em;
    }
    [part='definition'] { margin: 0 0 0.5em; color: var(--_muted); }
    [part='table'] { border-collapse: collapse; font-variant-numeric: tabular-nums; inline-size: 100%; }
    [part='table'] caption { text-align: start; font-weight: 600; padding-block-end: 0.3em; }
    [part='table'] th, [part='table'] td { padding: 0.15em 0.5em; text-align: end; border-block-end: 1px solid var(--_track); }
    [part='table'] th:first-child { text-align: start; font-weight: normal; }
    [part='table'] tr[data-status='breach'] td { color: var(--_breach); font-weight: 600; }
    [part='table'] tr[data-status='warn'] td { color: var(--_warn); }

    [part='plot'] { position: relative; flex: 1 1 0; min-block-size: 0; }
    [part='chart'] { position: absolute; inset: 0; outline: none; border-radius: var(--_radius); touch-action: pan-y; }
    [part='chart']:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
    svg { position: absolute; inset-block-start: 0; inset-inline-start: 0; display: block; overflow: hidden; font-size: 0.8em; }
    svg line, svg path, svg circle { vector-effect: non-scaling-stroke; }
    .grid line { stroke: var(--_track); stroke-width: 1px; shape-rendering: crispEdges; }
    .axis, .tick { stroke: var(--_muted); stroke-width: 1px; shape-rendering: crispEdges; }
    text { fill: var(--_muted); font-variant-numeric: tabular-nums; }
    .band { fill: var(--_band); shape-rendering: crispEdges; }
    .breach { fill: var(--_breach); fill-opacity: 0.16; shape-rendering: crispEdges; }
    .target { stroke: var(--_fg); stroke-width: 1px; stroke-dasharray: 4 3; shape-rendering: crispEdges; }
    .line {
      fill: none;
      stroke: var(--sla-trend-line, var(--_accent));
      stroke-width: var(--sla-trend-line-width, max(2px, 0.15em));
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .dot { fill: var(--sla-trend-line, var(--_accent)); }
    .last { fill: var(--_status, var(--sla-trend-line, var(--_accent))); stroke: var(--sla-color-surface, Canvas); stroke-width: 1.5px; }
    .last[data-status='ok'] { --_status: var(--_ok); }
    .last[data-status='warn'] { --_status: var(--_warn); }
    .last[data-status='breach'] { --_status: var(--_breach); }
    .focus { stroke: var(--_fg); stroke-width: 1px; shape-rendering: crispEdges; }
    .focus-dot { fill: none; stroke: var(--_fg); stroke-width: 2px; }

    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.4em;
      text-align: center;
    }
    progress { inline-size: min(12em, 80%); accent-color: var(--_accent); }
    .footer {
      display: flex;
      justify-content: space-between;
      gap: 0.6em;
      min-block-size: 1.3em;
      font-size: 0.8em;
      line-height: 1.3;
      white-space: nowrap;
      overflow: hidden;
    }
    [part='readout'] { font-variant-numeric: tabular-nums; overflow: hidden; text-overflow: ellipsis; }
    [part='state'] { color: var(--_muted); }
    .empty [part='state'] { font-size: 0.9em; }
    [part='state'][data-kind='error'] { color: var(--_breach); }
    .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

    @media (forced-colors: active) {
      .line, .target, .focus, .focus-dot { stroke: CanvasText; }
      .dot, .last { fill: CanvasText; }
      .breach { fill: Mark; fill-opacity: 0.35; }
      .band { fill: Highlight; fill-opacity: 0.3; }
      .grid line { stroke: GrayText; }
      text { fill: CanvasText; }
      [part='chart']:focus-visible { outline-color: Highlight; }
    }
  `,
];
