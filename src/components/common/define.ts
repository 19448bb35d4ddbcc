/**
 * Registers a tag once. Two bundles of the kit on one portal page define the same tags: the second
 * definition warns and keeps the first instead of throwing.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`sla-widgets: <${tag}> is already defined (another copy of the kit on this page?); keeping the first definition.`);
    return;
  }
  customElements.define(tag, ctor);
}
