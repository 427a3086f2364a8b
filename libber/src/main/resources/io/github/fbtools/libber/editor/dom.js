// Small DOM helpers. Everything that comes from a user, a file or the server is put in the page
// as text (text nodes, textContent, Option labels, .value), never parsed as HTML.

/**
 * Creates an element. props: 'class', 'text' (textContent), 'on<event>' (listener functions),
 * 'dataset' (object), any other key is an attribute (true -> present, false/null -> absent).
 * children: nodes or strings (strings become text nodes).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const key of Object.keys(props)) {
      const v = props[key];
      if (v === null || v === undefined || v === false) {
        continue;
      }
      if (key === 'class') {
        el.className = v;
      } else if (key === 'text') {
        el.textContent = v;
      } else if (key === 'dataset') {
        Object.assign(el.dataset, v);
      } else if (key.startsWith('on') && typeof v === 'function') {
        el.addEventListener(key.slice(2), v);
      } else {
        el.setAttribute(key, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : String(c));
    }
  }
}

/** A label and its control, wrapped in a div.field. */
export function field(labelText, control, hint) {
  return h('div', {class: 'field'},
    h('label', {for: control.id, text: labelText}), control,
    hint ? h('span', {class: 'hint', id: control.id + '-hint', text: hint}) : null);
}

/** Replaces an element's children. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Refills a select: items are strings or {value, label}; keeps `selected` (or the current value)
 * selected when it is still there. A `placeholder` adds a first option with value ''.
 */
export function fillSelect(select, items, selected, placeholder) {
  const keep = selected !== undefined ? selected : select.value;
  const frag = document.createDocumentFragment();
  if (placeholder !== undefined) {
    frag.append(new Option(placeholder, ''));
  }
  let found = false;
  for (const item of items) {
    const value = typeof item === 'string' ? item : item.value;
    const label = typeof item === 'string' ? item : item.label;
    const o = new Option(label, value);
    if (value === keep) {
      o.selected = true;
      found = true;
    }
    frag.append(o);
  }
  select.replaceChildren(frag);
  if (!found && placeholder !== undefined) {
    select.value = '';
  }
}

/** A message next to a control: sets the text, and marks the control invalid while shown. */
export class Note {
  constructor(id, kind) {
    this.el = h('p', {id, class: 'note ' + (kind || 'error'), role: kind === 'info' ? 'status' : 'alert',
      'aria-live': 'polite'});
    this.el.hidden = true;
    this.controls = [];
  }
  /** The controls this note describes (aria-describedby, aria-invalid). */
  describes(...controls) {
    for (const c of controls) {
      const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      ids.push(this.el.id);
      c.setAttribute('aria-describedby', ids.join(' '));
      this.controls.push(c);
      if (c.matches('input, textarea')) {
        // An error is about what was sent; once the user types again, it no longer applies.
        c.addEventListener('input', () => {
          if (this.el.classList.contains('error')) {
            this.clear();
          }
        });
      }
    }
    return this;
  }
  show(text) {
    this.el.textContent = text;
    this.el.hidden = false;
    if (this.el.classList.contains('error')) {
      for (const c of this.controls) {
        c.setAttribute('aria-invalid', 'true');
      }
    }
  }
  clear() {
    this.el.textContent = '';
    this.el.hidden = true;
    for (const c of this.controls) {
      c.removeAttribute('aria-invalid');
    }
  }
}

/**
 * Tracks whether the user typed in an input since the editor last filled it, so a re-render
 * from a server answer never overwrites text the user is still working on.
 */
export function trackEdits(...inputs) {
  for (const input of inputs) {
    input.addEventListener('input', () => {
      input.dataset.edited = '1';
    });
  }
}

/** Sets an input's value from the server unless the user has typed in it since. */
export function fill(input, value, force) {
  if (force || input.dataset.edited !== '1') {
    input.value = value === null || value === undefined ? '' : String(value);
    delete input.dataset.edited;
  }
}

/**
 * The bar shown when a save meets a file changed on disk: one line of text, Reload and
 * Overwrite; Overwrite asks once more before it calls onOverwrite.
 */
export class ConflictBar {
  constructor(prefix, onReload, onOverwrite) {
    this.text = h('span', {id: prefix + '-conflict-text'});
    this.reload = h('button', {type: 'button', id: prefix + '-reload', text: 'Reload',
      title: 'Discard this editor\'s unsaved changes and load the file as it is on disk'});
    this.overwrite = h('button', {type: 'button', id: prefix + '-overwrite', text: 'Overwrite…',
      title: 'Write this editor\'s version over the file on disk'});
    this.yes = h('button', {type: 'button', id: prefix + '-overwrite-confirm', class: 'danger',
      text: 'Yes, overwrite the file'});
    this.no = h('button', {type: 'button', id: prefix + '-overwrite-cancel', text: 'Cancel'});
    this.confirm = h('span', {class: 'confirm', id: prefix + '-confirm'},
      'Overwrite the file on disk with this editor\'s version? ', this.yes, ' ', this.no);
    this.confirm.hidden = true;
    this.el = h('div', {class: 'conflict', id: prefix + '-conflict', role: 'alert'},
      this.text, ' ', this.reload, ' ', this.overwrite, ' ', this.confirm);
    this.el.hidden = true;
    this.reload.addEventListener('click', () => onReload());
    this.overwrite.addEventListener('click', () => {
      this.confirm.hidden = false;
      this.yes.focus();
    });
    this.no.addEventListener('click', () => {
      this.confirm.hidden = true;
      this.overwrite.focus();
    });
    this.yes.addEventListener('click', () => {
      this.confirm.hidden = true;
      onOverwrite();
    });
  }
  show(text) {
    this.text.textContent = text;
    this.confirm.hidden = true;
    this.el.hidden = false;
  }
  hide() {
    this.el.hidden = true;
    this.confirm.hidden = true;
  }
}

/** The offer to restore unsaved edits after the server lost the session. */
export class RecoveryBox {
  constructor(prefix, onRestore, onDiscard) {
    this.text = h('span', {id: prefix + '-recovery-text'});
    this.restore = h('button', {type: 'button', id: prefix + '-restore', text: 'Restore my edits'});
    this.discard = h('button', {type: 'button', id: prefix + '-discard', text: 'Discard them',
      title: 'Forget the unsaved edits and open the file as it is on disk'});
    this.el = h('div', {class: 'recovery', id: prefix + '-recovery', role: 'alert'},
      this.text, ' ', this.restore, ' ', this.discard);
    this.el.hidden = true;
    this.restore.addEventListener('click', () => onRestore());
    this.discard.addEventListener('click', () => onDiscard());
  }
  show(text) {
    this.text.textContent = text;
    this.el.hidden = false;
    this.restore.focus();
  }
  hide() {
    this.el.hidden = true;
  }
}

/**
 * Deep equality of JSON values: objects compare without regard to key order, arrays in order.
 */
export function sameJson(a, b) {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!sameJson(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) {
    return false;
  }
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameJson(a[k], b[k])) {
      return false;
    }
  }
  return true;
}

/** A link to the editor itself with one query parameter (for the start page). */
export function editorLink(param, value, label) {
  const q = new URLSearchParams();
  q.set(param, value);
  return h('a', {href: '?' + q.toString(), text: label === undefined ? value : label});
}

/** "a", "b" and "c" */
export function listText(items) {
  return items.map((s) => '"' + s + '"').join(', ');
}
