import type { Frame } from 'playwright';
import type { FieldDescriptor } from './classify-field.js';

/** A form as found in the page, before classification. */
export interface FoundForm {
  selector: string;
  action?: string;
  method?: string;
  fields: Array<FieldDescriptor & { selector: string; visible: boolean; disabled: boolean; options?: string[] }>;
  submitSelector?: string;
}

/**
 * Lists the `<form>` elements of a frame with their inputs, described by the attributes a
 * person or a tracker would read. Runs in the page; it reads the DOM and never changes it
 * (a tracker reading form attributes must see the site exactly as a visitor's browser shows it).
 */
export async function findForms(frame: Frame): Promise<FoundForm[]> {
  return frame.evaluate(() => {
    const cssPath = (el: Element): string => {
      if (el.id && document.querySelectorAll(`#${CSS.escape(el.id)}`).length === 1) return `#${CSS.escape(el.id)}`;
      const parts: string[] = [];
      let node: Element | null = el;
      while (node && node !== document.documentElement) {
        const parent: Element | null = node.parentElement;
        const tag = node.tagName.toLowerCase();
        if (!parent) {
          parts.unshift(tag);
          break;
        }
        const same = Array.from(parent.children).filter((c) => c.tagName === node!.tagName);
        parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
        if (parent.id && document.querySelectorAll(`#${CSS.escape(parent.id)}`).length === 1) {
          parts.unshift(`#${CSS.escape(parent.id)}`);
          break;
        }
        node = parent;
      }
      return parts.join(' > ');
    };
    const labelOf = (el: HTMLElement): string | undefined => {
      const labels = (el as HTMLInputElement).labels;
      const text = labels && labels.length ? labels[0]!.textContent : el.closest('label')?.textContent;
      const byId = el.getAttribute('aria-labelledby');
      const aria = byId ? document.getElementById(byId)?.textContent : undefined;
      return (text ?? aria ?? '').replace(/\s+/g, ' ').trim() || undefined;
    };
    const isVisible = (el: HTMLElement): boolean => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
    };
    return Array.from(document.forms).map((form) => {
      const controls = Array.from(form.querySelectorAll<HTMLElement>('input, select, textarea'));
      const fields = controls
        .filter((el) => !['hidden', 'submit', 'button', 'image', 'reset', 'file'].includes((el as HTMLInputElement).type))
        .map((el) => {
          const input = el as HTMLInputElement;
          return {
            selector: cssPath(el),
            tag: el.tagName.toLowerCase(),
            type: el.tagName === 'INPUT' ? input.type : el.tagName.toLowerCase(),
            name: input.name || undefined,
            id: el.id || undefined,
            autocomplete: el.getAttribute('autocomplete') || undefined,
            label: labelOf(el),
            placeholder: el.getAttribute('placeholder') || undefined,
            ariaLabel: el.getAttribute('aria-label') || undefined,
            visible: isVisible(el),
            disabled: input.disabled,
            options: el.tagName === 'SELECT'
              ? Array.from((el as HTMLSelectElement).options).map((o) => `${o.value}\u0000${o.text.trim()}`)
              : undefined,
          };
        });
      const submit = form.querySelector<HTMLElement>(
        'button[type=submit], input[type=submit], input[type=image], button:not([type])',
      );
      return {
        selector: cssPath(form),
        action: form.getAttribute('action') ? form.action : undefined,
        method: (form.getAttribute('method') || 'get').toLowerCase(),
        fields,
        submitSelector: submit ? cssPath(submit) : undefined,
      };
    });
  });
}
