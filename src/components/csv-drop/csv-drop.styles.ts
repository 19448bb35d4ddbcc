import { css } from 'lit';
import { tokens } from '../common/tokens.styles.js';
import { stackedTableBelow } from '../common/stacked.styles.js';

export const csvDropStyles = [
  tokens,
  // The mapping's four columns need about 640 px: below, each field is a block of its choices.
  stackedTableBelow(640),
  css`
    :host {
      display: block;
      background: var(--_bg);
      line-height: 1.4;
      contain: layout paint style;
    }
    :host([hidden]) { display: none; }
    .heading { font-size: 1.15em; font-weight: 700; margin: 0.2em 0 0.6em; }
    .recent .heading, .step .heading ~ .heading { font-size: 1em; margin-block-start: 1em; }
    .heading:focus { outline: none; }
    .heading:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
    p { margin: 0.4em 0; }
    .muted { color: var(--_muted); }
    .small { font-size: 0.85em; }
    .visually-hidden, .file {
      position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden;
      clip-path: inset(50%); white-space: nowrap; margin: -1px; padding: 0; border: 0;
    }

    .dropzone {
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      padding: 1.2em;
      text-align: center;
      display: grid;
      justify-items: center;
      gap: 0.4em;
    }
    .dropzone.over { border-color: var(--_accent); border-style: solid; background: color-mix(in srgb, var(--_accent) 10%, transparent); }
    .hint { font-size: 0.85em; max-inline-size: 40em; }

    .button {
      font: inherit;
      display: inline-block;
      padding: 0.4em 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--sla-color-surface, Canvas);
      color: var(--_fg);
      cursor: pointer;
    }
    .button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--sla-color-on-accent, #fff); font-weight: 600; }
    .button.danger { border-color: var(--_breach); color: var(--_breach); }
    .button:disabled, .file:disabled + .button { opacity: 0.55; cursor: not-allowed; }
    .button:focus-visible, .file:focus-visible + .button, select:focus-visible, input:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin-block-start: 0.8em; }

    .samples ul { list-style: none; padding: 0; margin: 0.3em 0; display: flex; flex-wrap: wrap; gap: 0.4em; }

    .scroll {
      max-block-size: var(--sla-csv-drop-table-height, 22em);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0.5em 0;
    }
    .wide { overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0.5em 0; }
    .scroll:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
    table { border-collapse: collapse; inline-size: 100%; font-variant-numeric: tabular-nums; }
    caption { text-align: start; font-weight: 600; padding: 0.4em 0.6em; }
    th, td { padding: 0.3em 0.6em; text-align: start; vertical-align: top; border-block-end: 1px solid var(--_track); }
    thead th { position: sticky; inset-block-start: 0; background: var(--sla-color-surface, Canvas); color: var(--_muted); font-weight: 600; }
    tbody th { font-weight: 600; }
    .num { text-align: end; }
    tr.unmapped th, tr.unmapped td { color: var(--_muted); font-weight: 400; }
    .required { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--_breach); font-weight: 600; }
    select, input[type='text'] { font: inherit; max-inline-size: 100%; color: inherit; background: var(--sla-color-surface, Canvas); border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 0.15em 0.3em; }
    /* A column select sized by the sheet, not by its options: a select of hundreds of options measures every one for its own width. */
    tr[data-field] td > select:first-child { inline-size: min(16em, 100%); }
    select[aria-invalid='true'], input[aria-invalid='true'] { border-color: var(--_breach); border-width: 2px; }
    td code { font-size: 0.9em; overflow-wrap: anywhere; }
    td.sample code { overflow-wrap: normal; white-space: nowrap; }
    .field-error { color: var(--_breach); font-size: 0.85em; margin-block-start: 0.2em; }

    .dates { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0.6em 0; display: grid; gap: 0.3em; grid-template-columns: minmax(0, max-content); }
    .dates label { font-weight: 600; margin-block-start: 0.3em; }

    .problem, .problems { color: var(--_breach); }
    .problems { border-inline-start: 4px solid var(--_breach); padding-inline-start: 0.6em; margin: 0.6em 0; }
    .problems:focus { outline: none; }
    .problems ul { margin: 0.2em 0; padding-inline-start: 1.2em; }
    .notice, .warning { border-inline-start: 4px solid var(--_warn); padding: 0.3em 0.6em; }
    .note { color: var(--_muted); }

    progress { inline-size: 100%; block-size: 1em; accent-color: var(--_accent); }
    .progress-text { font-variant-numeric: tabular-nums; }
    .identity { font-size: 1.1em; font-weight: 700; font-variant-numeric: tabular-nums; }
    .reasons { margin: 0.2em 0; padding-inline-start: 1.2em; }
    .ready { font-weight: 600; color: var(--_ok); }

    .outcome-values, .mapping-file { margin-block: 0.8em; }
    .preview { border-inline-start: 4px solid var(--_accent); padding: 0.2em 0.6em; margin-block: 0.8em; }
    .preview p { margin: 0.2em 0; }
    .outcome-values .grid { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.3em 0.8em; align-items: center; }
    .outcome-values select { max-inline-size: 100%; }
    .outcome-values, .outcome-values p { overflow-wrap: anywhere; }
    .outcome-values label { overflow-wrap: anywhere; }
    .mapping-file textarea { display: block; inline-size: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
    .mapping-file summary { cursor: pointer; font-weight: 600; }
    input.nulls { display: block; inline-size: 100%; min-inline-size: 0; box-sizing: border-box; margin-block-start: 0.3em; font-size: 0.9em; }

    .recent { margin-block-start: 1.2em; }
    .row-actions { white-space: nowrap; }
    .row-actions .button { padding: 0.2em 0.6em; }
    .confirm { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; white-space: normal; }
    .confirm span:focus { outline: 2px solid var(--_accent); outline-offset: 2px; }
    .name { overflow-wrap: anywhere; }

    @media (forced-colors: active) {
      .dropzone.over { border-color: Highlight; background: Canvas; }
      .button.primary { background: ButtonText; color: ButtonFace; border-color: ButtonText; forced-color-adjust: none; }
      .button.danger, .problem, .problems, .field-error, .required { color: Mark; border-color: Mark; }
      thead th { background: Canvas; }
    }
  `,
];
