import { css } from 'lit';

/**
 * System tokens every widget builds on; a theme (light portal, dark wallboard) is a different set of these.
 * Each falls back to a default, so a widget looks right with no theme at all.
 */
export const tokens = css`
  :host {
    --_fg: var(--sla-color-text, #1f2328);
    --_muted: var(--sla-color-muted, #59636e);
    --_bg: var(--sla-color-surface, transparent);
    --_track: var(--sla-color-track, #d8dee4);
    --_ok: var(--sla-color-ok, #1a7f37);
    --_warn: var(--sla-color-warn, #9a6700);
    --_breach: var(--sla-color-breach, #cf222e);
    --_band: var(--sla-color-band, #d4a72c66);
    --_font: var(--sla-font-family, system-ui, sans-serif);
    --_border: var(--sla-color-border, #d1d9e0);
    --_accent: var(--sla-color-accent, #0969da);
    --_radius: var(--sla-radius, 6px);
    color: var(--_fg);
    font-family: var(--_font);
    /* What a host page sets on its body and would otherwise inherit into every widget: reset here, so a
       portal's line-height, letter-spacing or italics do not change the widgets' layout. A page sizes or
       themes a widget through the --sla-* properties, or by styling the tag itself (which wins over :host). */
    font-size: var(--sla-font-size, 16px);
    line-height: var(--sla-line-height, 1.35);
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
  }
  @media (prefers-reduced-motion: reduce) {
    :host *, :host *::before, :host *::after {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    :host {
      --_ok: CanvasText;
      --_warn: CanvasText;
      /* Highlight reads as text on Canvas in light and dark high-contrast themes; Mark (yellow) does not. */
      --_breach: Highlight;
      --_track: GrayText;
      --_band: Mark;
      --_border: CanvasText;
      --_accent: LinkText;
      --_muted: CanvasText;
    }
  }
  /* Names come from the data (queues, agents, files): bidi controls in one never reorder the text around it. */
  bdi, [part~='queue'], [part~='label'] { unicode-bidi: isolate; }
`;
