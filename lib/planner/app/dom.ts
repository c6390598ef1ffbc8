/**
 * The few DOM helpers the planner page uses. Text always goes in as text (`textContent` or
 * `append(string)`), never as markup, so names from the data cannot become elements.
 *
 * @module
 */

/** Properties of {@link el}. */
export interface ElementProps {
  /** Class attribute. */
  readonly class?: string;
  /** Text content. */
  readonly text?: string;
  /** Other attributes (values are set as attribute text). */
  readonly attrs?: Readonly<Record<string, string>>;
}

/** Creates an element with classes, attributes, text and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  if (props.text !== undefined) e.textContent = props.text;
  e.append(...children);
  return e;
}

/** The element with an id, or an error naming it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`The planner page has no element "#${id}"`);
  return e as T;
}

/** A number input with bounds and a step (an id when given). */
export function numberField(
  id: string,
  min: number,
  max: number | undefined,
  step: number | "any",
): HTMLInputElement {
  const attrs: Record<string, string> = { type: "number", min: String(min), step: String(step) };
  if (id) attrs.id = id;
  if (max !== undefined) attrs.max = String(max);
  return el("input", { attrs });
}
