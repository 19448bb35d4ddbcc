/** Finds a widget's source: `source="id"` in the widget's tree (document or shadow root), else the nearest ancestor. */
import type { SlaSource } from '../source/source.component.js';

export async function findSource(el: HTMLElement, id: string | null): Promise<SlaSource | null> {
  await customElements.whenDefined('sla-source');
  if (id) {
    const root = el.getRootNode() as Document | ShadowRoot;
    return (root.getElementById?.(id) as SlaSource | null) ?? (document.getElementById(id) as SlaSource | null);
  }
  return el.closest('sla-source') as SlaSource | null;
}
