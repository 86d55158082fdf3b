/**
 * The in-page half of form discovery. `scanFrame` is serialised and run inside a frame by
 * `frame.evaluate`, so it must be self-contained: no imports, no outer variables. It reads the
 * DOM and never changes it — a tracker reading the form must see the site exactly as a
 * visitor's browser shows it (no marker attributes).
 *
 * Selectors it returns are Playwright selectors relative to the frame: a CSS path unique in
 * its tree, prefixed with the shadow hosts' paths joined by ` >> ` for elements in open shadow
 * roots (Playwright's CSS engine pierces open shadow roots and chains scopes with `>>`).
 */

import type { FieldDescriptor } from './classify-field.js';

/** One control as the page describes it (radios of one name folded into one field). */
export interface ScannedField extends FieldDescriptor {
  selector: string;
  required: boolean;
  visible: boolean;
  disabled: boolean;
  /** Current value (text) or checked state (`'on'`/`''`). */
  value: string;
  /** `value\0text` pairs of a select, or of a radio group. */
  options?: string[];
  /** Radio groups: one selector per option, in the order of `options`. */
  optionSelectors?: string[];
}

/** A button-like control inside a form or form-like group. */
export interface ScannedButton {
  selector: string;
  text: string;
  type: 'submit' | 'button' | 'reset' | 'image' | 'role';
  visible: boolean;
  disabled: boolean;
}

/** A `<form>`, or a container of inputs and a button without one (`formless`). */
export interface ScannedForm {
  selector: string;
  kind: 'form' | 'formless';
  inShadowRoot: boolean;
  action?: string;
  method?: string;
  fields: ScannedField[];
  buttons: ScannedButton[];
}

/** Caps per frame, so a huge page cannot stall the scan. */
export interface ScanLimits {
  maxForms: number;
  maxFields: number;
}

/** Runs in the page: every form and form-like group of the frame, its open shadow roots included. */
export function scanFrame(limits: ScanLimits): { forms: ScannedForm[]; truncated: boolean } {
  type Root = Document | ShadowRoot;
  const SKIP_TYPES = ['hidden', 'submit', 'button', 'image', 'reset', 'file'];
  const CONTROL = 'input, select, textarea';
  const BUTTON = 'button, input[type=submit], input[type=button], input[type=image], input[type=reset], [role=button]';

  // Every open shadow root, with the chain of shadow hosts that leads to it.
  const roots: Array<{ root: Root; hosts: Element[]; prefix: string[] }> = [];
  const collect = (root: Root, hosts: Element[]): void => {
    roots.push({ root, hosts, prefix: [] });
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node as Element;
      if (el.shadowRoot && roots.length < 200) collect(el.shadowRoot, [...hosts, el]);
    }
  };
  const idCount = (id: string): number => {
    let n = 0;
    for (const { root } of roots) n += root.querySelectorAll(`[id="${CSS.escape(id)}"]`).length;
    return n;
  };
  // A CSS path within the element's own tree; ids count as unique only across every tree (Playwright pierces them all).
  function pathIn(el: Element): string {
    if (el === document.documentElement || el === document.body) return el.tagName.toLowerCase();
    if (el.id && idCount(el.id) === 1) return `#${CSS.escape(el.id)}`;
    const parts: string[] = [];
    let node: Element | null = el;
    while (node && node !== document.documentElement) {
      const parent: Element | null = node.parentElement;
      const tag = node.tagName.toLowerCase();
      const siblings: Element[] = parent ? Array.from(parent.children) : Array.from((node.parentNode as ParentNode | null)?.children ?? []);
      const same = siblings.filter((c) => c.tagName === node!.tagName);
      parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
      if (!parent) break;
      if (parent.id && idCount(parent.id) === 1) {
        parts.unshift(`#${CSS.escape(parent.id)}`);
        break;
      }
      node = parent;
    }
    return parts.join(' > ');
  }
  collect(document, []);
  for (const r of roots) r.prefix = r.hosts.map(pathIn);
  const selectorOf = (el: Element, r: { prefix: string[] }): string => [...r.prefix, pathIn(el)].join(' >> ');

  const text = (s: string | null | undefined): string | undefined => (s ?? '').replace(/\s+/g, ' ').trim() || undefined;
  const rootOf = (el: Element): Root => el.getRootNode() as Root;
  const byIds = (el: Element, attr: string): string | undefined => {
    const ids = (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean);
    return text(ids.map((id) => (rootOf(el) as Document).getElementById?.(id)?.textContent ?? '').join(' '));
  };
  const labelOf = (el: HTMLElement): string | undefined => {
    const labels = (el as HTMLInputElement).labels;
    const own = labels && labels.length ? labels[0]!.textContent : el.closest('label')?.textContent;
    if (text(own)) return text(own);
    const aria = byIds(el, 'aria-labelledby');
    if (aria) return aria;
    // No label element: the short text just before the field ("<span>E-post</span><input>").
    const plain = (node: Element | null | undefined): string | undefined =>
      node && !/^(INPUT|SELECT|TEXTAREA|BR|BUTTON)$/.test(node.tagName) && !node.querySelector(CONTROL) ? text(node.textContent) : undefined;
    const parent = el.parentElement;
    const near = plain(el.previousElementSibling) ?? (parent && parent.children.length <= 2 ? plain(parent.previousElementSibling) : undefined);
    return near && near.length <= 60 ? near : undefined;
  };
  const groupLabelOf = (el: HTMLElement): string | undefined => {
    const group = el.closest('fieldset, [role=radiogroup], [role=group]');
    if (!group) return undefined;
    if (group.tagName === 'FIELDSET') return text(group.querySelector('legend')?.textContent);
    return text(group.getAttribute('aria-label')) ?? byIds(group, 'aria-labelledby');
  };
  const isVisible = (el: Element): boolean => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
  };
  // A radio or checkbox drawn as a styled label: the input is invisible, its label is not.
  const choiceVisible = (el: HTMLInputElement): boolean =>
    isVisible(el) || Array.from(el.labels ?? []).some((l) => isVisible(l));

  const describe = (el: HTMLElement, r: { root: Root; prefix: string[] }): ScannedField => {
    const input = el as HTMLInputElement;
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? input.type : tag;
    const choice = type === 'radio' || type === 'checkbox';
    return {
      selector: selectorOf(el, r),
      tag,
      type,
      name: input.name || undefined,
      id: el.id || undefined,
      autocomplete: el.getAttribute('autocomplete') || undefined,
      label: labelOf(el),
      placeholder: el.getAttribute('placeholder') || undefined,
      ariaLabel: el.getAttribute('aria-label') || undefined,
      title: el.getAttribute('title') || undefined,
      groupLabel: type === 'radio' || type === 'checkbox' ? groupLabelOf(el) : undefined,
      inputMode: el.getAttribute('inputmode') || undefined,
      maxLength: input.maxLength > 0 ? input.maxLength : undefined,
      pattern: el.getAttribute('pattern') || undefined,
      required: input.required || el.getAttribute('aria-required') === 'true',
      visible: choice ? choiceVisible(input) : isVisible(el),
      disabled: !!input.disabled || input.readOnly === true,
      value: choice ? (input.checked ? 'on' : '') : input.value ?? '',
      options: tag === 'select' ? Array.from((el as unknown as HTMLSelectElement).options).map((o) => `${o.value}\u0000${o.text.trim()}`) : undefined,
    };
  };

  // Radios of one name become one field whose options are the radios.
  const fieldsOf = (controls: HTMLElement[], r: { root: Root; prefix: string[] }): ScannedField[] => {
    const out: ScannedField[] = [];
    const radios = new Map<string, ScannedField>();
    for (const el of controls) {
      if (SKIP_TYPES.includes((el as HTMLInputElement).type) && el.tagName === 'INPUT') continue;
      const field = describe(el, r);
      if (field.type === 'radio') {
        const key = field.name ?? field.selector;
        const optionText = field.label ?? '';
        const group = radios.get(key);
        const value = (el as HTMLInputElement).value;
        if (group) {
          group.options!.push(`${value}\u0000${optionText}`);
          group.optionSelectors!.push(field.selector);
          group.visible ||= field.visible;
          group.required ||= field.required;
          if (field.value) group.value = value;
          continue;
        }
        const first = { ...field, label: undefined, options: [`${value}\u0000${optionText}`], optionSelectors: [field.selector], value: field.value ? value : '' };
        radios.set(key, first);
        out.push(first);
        continue;
      }
      out.push(field);
    }
    return out;
  };

  const buttonsOf = (container: Element, r: { root: Root; prefix: string[] }, inForm: boolean): ScannedButton[] =>
    Array.from(container.querySelectorAll<HTMLElement>(BUTTON)).slice(0, 30).map((el) => {
      const input = el as HTMLInputElement;
      const raw = el.tagName === 'INPUT' ? input.type : el.tagName === 'BUTTON' ? (el.getAttribute('type') || (inForm ? 'submit' : 'button')).toLowerCase() : 'role';
      const type = (['submit', 'button', 'reset', 'image'].includes(raw) ? raw : raw === 'role' ? 'role' : 'button') as ScannedButton['type'];
      return {
        selector: selectorOf(el, r),
        text: text(el.innerText) ?? text(input.value) ?? text(el.getAttribute('aria-label')) ?? text(el.getAttribute('title')) ?? '',
        type,
        visible: isVisible(el),
        disabled: !!input.disabled || el.getAttribute('aria-disabled') === 'true',
      };
    });

  const forms: ScannedForm[] = [];
  let truncated = false;
  for (const r of roots) {
    const inShadowRoot = r.prefix.length > 0;
    for (const form of Array.from(r.root.querySelectorAll('form'))) {
      if (forms.length >= limits.maxForms) {
        truncated = true;
        break;
      }
      const controls = Array.from(form.elements).filter((el) => /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) as HTMLElement[];
      // A form that wraps a shadow-DOM widget has its controls in the shadow root: that root's own pass finds them.
      const fields = fieldsOf(controls, r);
      if (fields.length > limits.maxFields) truncated = true;
      forms.push({
        selector: selectorOf(form, r),
        kind: 'form',
        inShadowRoot,
        action: form.getAttribute('action') ? form.action : undefined,
        method: (form.getAttribute('method') || 'get').toLowerCase(),
        fields: fields.slice(0, limits.maxFields),
        buttons: buttonsOf(form, r, true),
      });
    }
    // Form-like groups: controls outside any <form>, grouped by the nearest container that also holds a button.
    const groups = new Map<Element, HTMLElement[]>();
    for (const el of Array.from(r.root.querySelectorAll<HTMLElement>(CONTROL))) {
      if (el.closest('form') || (el as HTMLInputElement).form) continue;
      if (el.tagName === 'INPUT' && SKIP_TYPES.includes((el as HTMLInputElement).type)) continue;
      if ((el as HTMLInputElement).type === 'search' || el.closest('[role=search]')) continue;
      let container: Element | null = el.parentElement;
      while (container && container.parentElement && !container.querySelector(BUTTON)) container = container.parentElement;
      if (!container || container === document.documentElement) container = document.body;
      if (!groups.has(container)) groups.set(container, []);
      groups.get(container)!.push(el);
    }
    for (const [container, controls] of groups) {
      if (forms.length >= limits.maxForms) {
        truncated = true;
        break;
      }
      const fields = fieldsOf(controls, r);
      if (!fields.length) continue;
      if (fields.length > limits.maxFields) truncated = true;
      forms.push({
        selector: selectorOf(container, r),
        kind: 'formless',
        inShadowRoot,
        fields: fields.slice(0, limits.maxFields),
        buttons: buttonsOf(container, r, false),
      });
    }
  }
  return { forms, truncated };
}
