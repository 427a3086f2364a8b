// The Prompts panel (PromptCollectionEdit): the prompt collection of the open scene, with add,
// update, remove, rename and the list of names; each entry's value, category, description,
// tags, processing type and Libber name; and the composed result of the scene's compositions
// (process_compositions, with the Libbers on disk or the one open in the Libbers panel).
// It edits the scene session shared with the Scenes panel: one copy of a scene's prompts.

import {post, message} from './api.js';
import {h, field, fillSelect, Note, setChildren, trackEdits, fill} from './dom.js';
import {dict} from './scene-session.js';

const KNOWN_TYPES = ['raw', 'libber'];

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function entryObject(e) {
  if (typeof e === 'string') {
    return {value: e};
  }
  return e && typeof e === 'object' ? e : {value: ''};
}

export class PromptsPanel {
  constructor(root, scene, app) {
    this.root = root;
    this.scene = scene;
    this.app = app;
    this.libberNames = [];
    this.composeSeq = 0;
    this.build();
    scene.onChange(() => this.render());
  }

  build() {
    this.slot = h('div', {class: 'slot'});
    this.empty = h('p', {id: 'prompts-empty', class: 'meta',
      text: 'No scene is open: choose one in Scenes, or on Start.'});

    this.select = h('select', {id: 'prompt-select'});
    this.select.addEventListener('change', () => {
      if (this.select.value) {
        this.choose(this.select.value);
      }
    });
    this.name = h('input', {id: 'prompt-name', autocomplete: 'off', spellcheck: 'false'});
    this.value = h('textarea', {id: 'prompt-value', rows: 3});
    this.category = h('input', {id: 'prompt-category', autocomplete: 'off'});
    this.description = h('input', {id: 'prompt-description', autocomplete: 'off'});
    this.tags = h('input', {id: 'prompt-tags', autocomplete: 'off'});
    this.type = h('select', {id: 'prompt-type'});
    this.libber = h('select', {id: 'prompt-libber'});
    trackEdits(this.name, this.value, this.category, this.description, this.tags);
    fillSelect(this.type, KNOWN_TYPES, 'raw');
    this.formNote = new Note('prompt-form-error').describes(this.name, this.value);
    const form = h('form', {class: 'edit', id: 'prompt-form', onsubmit: (e) => {
      e.preventDefault();
      this.add();
    }},
    field('Prompt', this.select),
    field('Name', this.name),
    field('Value', this.value),
    h('div', {class: 'row'},
      field('Category', this.category),
      field('Processing type', this.type),
      field('Libber', this.libber)),
    field('Description', this.description),
    field('Tags', this.tags, 'Separated by commas'),
    h('div', {class: 'buttons'},
      h('button', {type: 'submit', id: 'prompt-add', text: 'Add'}),
      h('button', {type: 'button', id: 'prompt-update', text: 'Update',
        onclick: () => this.update()}),
      h('button', {type: 'button', id: 'prompt-remove', text: 'Remove',
        onclick: () => this.remove()})),
    this.formNote.el);

    this.newName = h('input', {id: 'prompt-new-name', autocomplete: 'off', spellcheck: 'false'});
    this.renameNote = new Note('prompt-rename-error').describes(this.newName);
    const renameForm = h('form', {class: 'row', id: 'prompt-rename-form', onsubmit: (e) => {
      e.preventDefault();
      this.rename();
    }},
    field('New name for the prompt above', this.newName),
    h('button', {type: 'submit', id: 'prompt-rename', text: 'Rename'}), this.renameNote.el);

    this.rows = h('tbody', {id: 'prompt-rows'});
    this.rows.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-prompt]');
      if (b) {
        this.choose(b.dataset.prompt);
        this.value.focus();
      }
    });
    const table = h('table', {id: 'prompt-table'},
      h('caption', {text: 'Prompts'}),
      h('thead', null, h('tr', null, ...['Name', 'Value', 'Category', 'Type', 'Libber', 'Tags',
        'Description'].map((t) => h('th', {scope: 'col', text: t})))),
      this.rows);

    this.composed = h('dl', {id: 'prompts-composed'});
    this.composeNote = new Note('prompts-compose-error');
    this.missing = h('p', {id: 'prompts-missing', class: 'meta'});
    const composeBox = h('section', {class: 'composed', 'aria-labelledby': 'prompts-composed-h'},
      h('h3', {id: 'prompts-composed-h', text: 'Composed prompts'}),
      h('button', {type: 'button', id: 'prompts-compose', text: 'Compose again',
        onclick: () => this.compose()}),
      this.composeNote.el, this.composed, this.missing);
    this.composeNote.describes(composeBox.querySelector('button'));

    this.editor = h('div', {id: 'prompts-editor'},
      h('div', {class: 'split'}, h('div', null, form, renameForm), h('div', null, table, composeBox)));
    this.editor.hidden = true;
    setChildren(this.root, h('h2', {text: 'Prompts'}), this.slot, this.empty, this.editor);
  }

  /** The Libber files on disk, for the Libber dropdown. */
  setLibberNames(names) {
    this.libberNames = names;
    this.fillLibbers(this.libber.value);
  }

  fillLibbers(selected) {
    const names = this.libberNames.slice();
    if (selected && !names.includes(selected)) {
      names.push(selected); // a name not on disk is kept, never silently dropped
    }
    fillSelect(this.libber, names.map((n) => ({value: n, label: n})), selected || '', '(none)');
  }

  fillTypes(selected) {
    const types = KNOWN_TYPES.slice();
    if (selected && !types.includes(selected)) {
      types.push(selected); // other processing types are kept as written
    }
    fillSelect(this.type, types, selected || 'raw');
  }

  render() {
    const s = this.scene.state;
    this.empty.hidden = !!s;
    this.editor.hidden = !s;
    if (!s) {
      this.empty.textContent = this.scene.lastError
        ? 'The scene could not be opened: ' + this.scene.lastError
        : 'No scene is open: choose one in Scenes, or on Start.';
      return;
    }
    this.root.dataset.version = String(this.scene.version);
    fillSelect(this.select, s.prompt_names, this.select.value, '(choose a prompt to edit)');
    const prompts = s.collection.prompts || {};
    const frag = document.createDocumentFragment();
    for (const name of Object.keys(prompts)) {
      const e = entryObject(prompts[name]);
      const b = h('button', {type: 'button', class: 'link', dataset: {prompt: name}, text: name});
      frag.append(h('tr', null, h('th', {scope: 'row'}, b),
        h('td', {text: e.value === undefined ? '' : String(e.value)}),
        h('td', {text: e.category || ''}),
        h('td', {text: e.processing_type || 'raw'}),
        h('td', {text: e.libber_name || ''}),
        h('td', {text: Array.isArray(e.tags) ? e.tags.join(', ') : ''}),
        h('td', {text: e.description || ''})));
    }
    this.rows.replaceChildren(frag);
    this.refreshComposed();
  }

  /**
   * Composes the scene's compositions again (or says there are none). Called on every render,
   * when the panel is shown, and when the Libber open in the Libbers panel changes while this
   * panel is shown, so the composed text always uses the Libbers as they are now: on disk, or
   * edited and not yet saved in the editor.
   */
  refreshComposed() {
    const s = this.scene.state;
    if (!s) {
      return;
    }
    const compositions = s.collection.compositions || {};
    if (Object.keys(compositions).length) {
      this.compose();
    } else {
      ++this.composeSeq;
      setChildren(this.composed);
      this.missing.textContent = 'This scene has no compositions.';
    }
  }

  /** Fills the form from the entry `name` (an explicit choice: overwrites the form). */
  choose(name) {
    const prompts = this.scene.state ? this.scene.state.collection.prompts || {} : {};
    if (!has(prompts, name)) {
      return;
    }
    const e = entryObject(prompts[name]);
    this.select.value = name;
    fill(this.name, name, true);
    fill(this.value, e.value, true);
    fill(this.category, e.category, true);
    fill(this.description, e.description, true);
    fill(this.tags, Array.isArray(e.tags) ? e.tags.join(', ') : '', true);
    this.fillTypes(e.processing_type || 'raw');
    this.fillLibbers(e.libber_name || '');
    this.newName.value = '';
    this.formNote.clear();
    this.renameNote.clear();
  }

  /** The entry the form describes, keeping fields of `current` that the form does not show. */
  entry(current) {
    const e = Object.assign({}, current ? entryObject(current) : {});
    e.value = this.value.value;
    e.processing_type = this.type.value || 'raw';
    const set = (k, v) => {
      if (v) {
        e[k] = v;
      } else {
        delete e[k];
      }
    };
    set('category', this.category.value.trim());
    set('description', this.description.value.trim());
    const tags = this.tags.value.split(',').map((t) => t.trim()).filter(Boolean);
    set('tags', tags.length ? tags : null);
    set('libber_name', this.libber.value);
    return e;
  }

  prompts() {
    return this.scene.state ? this.scene.state.collection.prompts || {} : {};
  }

  requireName(note) {
    const name = this.name.value;
    if (!name.trim()) {
      note.show('Type the prompt\'s name first.');
      this.name.focus();
      return null;
    }
    return name;
  }

  async add() {
    const name = this.requireName(this.formNote);
    if (name === null) {
      return;
    }
    if (has(this.prompts(), name)) {
      this.formNote.show('A prompt named "' + name + '" already exists: press Update to change it.');
      return;
    }
    const set = dict();
    set[name] = this.entry(null);
    if (await this.scene.mutate('update_prompts', {prompts: set}, this.formNote, 'Add')) {
      this.choose(name);
    }
  }

  async update() {
    const name = this.requireName(this.formNote);
    if (name === null) {
      return;
    }
    const prompts = this.prompts();
    if (!has(prompts, name)) {
      this.formNote.show('There is no prompt named "' + name + '": press Add to create it.');
      return;
    }
    const set = dict();
    set[name] = this.entry(prompts[name]);
    if (await this.scene.mutate('update_prompts', {prompts: set}, this.formNote, 'Update')) {
      this.choose(name);
    }
  }

  async remove() {
    const name = this.requireName(this.formNote);
    if (name === null) {
      return;
    }
    if (!has(this.prompts(), name)) {
      this.formNote.show('There is no prompt named "' + name + '" to remove.');
      return;
    }
    if (await this.scene.mutate('update_prompts', {remove: [name]}, this.formNote, 'Remove')) {
      this.select.value = '';
      for (const input of [this.name, this.value, this.category, this.description, this.tags]) {
        fill(input, '', true);
      }
      this.fillTypes('raw');
      this.fillLibbers('');
    }
  }

  async rename() {
    const from = this.name.value;
    const to = this.newName.value;
    if (!has(this.prompts(), from)) {
      this.renameNote.show('Choose the prompt to rename first (its name is not in the scene).');
      return;
    }
    if (!to.trim()) {
      this.renameNote.show('Type the new name.');
      this.newName.focus();
      return;
    }
    const rename = dict();
    rename[from] = to;
    if (await this.scene.mutate('update_prompts', {rename}, this.renameNote, 'Rename')) {
      this.scene.renamed(from, to);
      this.choose(to);
    }
  }

  async compose() {
    const s = this.scene.state;
    if (!s) {
      return;
    }
    const seq = ++this.composeSeq;
    const r = await post('/fbtools/scene/process_compositions', {collection: s.collection,
      libber_sessions: this.app.libberSessions()});
    if (seq !== this.composeSeq) {
      return;
    }
    if (!r.ok) {
      this.composeNote.show(message(r));
      return;
    }
    this.composeNote.clear();
    const out = r.body.prompt_dict || {};
    const items = [];
    for (const k of Object.keys(out)) {
      items.push(h('dt', {text: k}), h('dd', {text: out[k]}));
    }
    setChildren(this.composed, items);
    const missing = r.body.missing_libbers || [];
    this.missing.textContent = missing.length
      ? 'Used raw, no such Libber on disk or open: ' + missing.join(', ')
      : 'Libbers from disk, or the one open in the Libbers panel.';
  }
}
