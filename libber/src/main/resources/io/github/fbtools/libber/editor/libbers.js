// The Libbers panel (LibberEdit): list the Libber files, load or create one, add, update and
// remove keys, try a text with libber/apply, save with the file's 409 guard. Everything shown
// comes from the server's answers; the panel never edits its own copy.

import {get, post, message, isStale, closeSession} from './api.js';
import {h, field, fillSelect, Note, ConflictBar, RecoveryBox, sameJson, setChildren}
  from './dom.js';
import * as store from './store.js';

const L = '/fbtools/libber/';
const KIND = 'libber';

function content(s) {
  return {lib_dict: s.lib_dict, delimiter: s.delimiter, max_depth: s.max_depth};
}

function stateOf(body) {
  return {name: body.name, keys: body.keys, lib_dict: body.lib_dict, delimiter: body.delimiter,
    max_depth: body.max_depth};
}

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export class LibbersPanel {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.sid = null;
    this.version = -1;
    this.state = null;
    this.base = null; // content as loaded or last saved; null while created and never saved
    this.created = false;
    this.dirty = false;
    this.recovering = null; // the kept entry being offered or restored
    this.applySeq = 0;
    this.build();
  }

  build() {
    this.fileSelect = h('select', {id: 'libber-file'});
    this.loadNote = new Note('libber-load-error').describes(this.fileSelect);
    const openForm = h('form', {class: 'row', id: 'libber-open-form', onsubmit: (e) => {
      e.preventDefault();
      if (this.fileSelect.value) {
        this.open(this.fileSelect.value);
      } else {
        this.loadNote.show('Choose a Libber file first.');
      }
    }},
    field('Libber file', this.fileSelect),
    h('button', {type: 'submit', id: 'libber-load', text: 'Load'}), this.loadNote.el);

    this.newName = h('input', {id: 'libber-new-name', autocomplete: 'off', spellcheck: 'false'});
    this.newDelimiter = h('input', {id: 'libber-new-delimiter', value: '%', size: 4,
      autocomplete: 'off'});
    this.newDepth = h('input', {id: 'libber-new-depth', type: 'number', min: 0, max: 100,
      value: 10});
    this.createNote = new Note('libber-create-error')
      .describes(this.newName, this.newDelimiter, this.newDepth);
    const createForm = h('form', {class: 'row', id: 'libber-create-form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      this.create();
    }},
    field('New Libber name', this.newName), field('Delimiter', this.newDelimiter),
    field('Max depth', this.newDepth),
    h('button', {type: 'submit', id: 'libber-create', text: 'Create'}), this.createNote.el);

    this.recovery = new RecoveryBox(KIND, () => this.restore(), () => this.discard());
    this.recoveryNote = new Note('libber-recovery-error').describes(this.recovery.restore);

    this.title = h('h3', {id: 'libber-title'});
    this.meta = h('p', {id: 'libber-meta', class: 'meta'});
    this.conflict = new ConflictBar(KIND, () => this.reload(), () => this.overwrite());

    this.keySelect = h('select', {id: 'libber-key-select'});
    this.keySelect.addEventListener('change', () => {
      if (this.keySelect.value) {
        this.selectKey(this.keySelect.value, true);
      }
    });
    this.key = h('input', {id: 'libber-key', autocomplete: 'off', spellcheck: 'false'});
    this.value = h('textarea', {id: 'libber-value', rows: 2, spellcheck: 'false'});
    this.editNote = new Note('libber-edit-error').describes(this.key, this.value);
    const editForm = h('form', {class: 'edit', id: 'libber-edit-form', onsubmit: (e) => {
      e.preventDefault();
      this.add(e.timeStamp > 0 ? e.timeStamp : performance.now());
    }},
    field('Choose a key', this.keySelect),
    field('Key', this.key, 'Stored in lower case, spaces and dashes as _'),
    field('Value', this.value),
    h('div', {class: 'buttons'},
      h('button', {type: 'submit', id: 'libber-add', text: 'Add / update'}),
      h('button', {type: 'button', id: 'libber-remove', text: 'Remove', onclick: () => this.remove()})),
    this.editNote.el);

    this.test = h('textarea', {id: 'libber-test', rows: 2, spellcheck: 'false'});
    this.test.addEventListener('input', () => {
      clearTimeout(this.applyTimer);
      this.applyTimer = setTimeout(() => this.apply(), 150);
    });
    this.result = h('output', {id: 'libber-result', for: 'libber-test', class: 'result'});
    this.testNote = new Note('libber-test-error').describes(this.test);
    const testBox = h('div', {class: 'test'},
      field('Test text', this.test, 'Shows the text with this Libber\'s keys substituted'),
      h('p', {class: 'result-line'}, h('span', {class: 'label', text: 'Result: '}), this.result),
      this.testNote.el);

    this.saveButton = h('button', {type: 'button', id: 'libber-save', text: 'Save',
      onclick: () => this.save(false)});
    this.saveNote = new Note('libber-save-error').describes(this.saveButton);
    this.saveInfo = new Note('libber-save-result', 'info');
    const saveBox = h('div', {class: 'row save'}, this.saveButton, this.saveNote.el,
      this.saveInfo.el);

    this.rows = h('tbody', {id: 'libber-rows'});
    this.rows.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-key]');
      if (b) {
        this.selectKey(b.dataset.key, true);
        this.value.focus();
      }
    });
    const table = h('table', {id: 'libber-table'},
      h('caption', {text: 'Keys and values'}),
      h('thead', null, h('tr', null, h('th', {scope: 'col', text: 'Key'}),
        h('th', {scope: 'col', text: 'Value'}))),
      this.rows);

    this.editor = h('div', {id: 'libber-editor'}, this.title, this.meta, this.conflict.el,
      saveBox, h('div', {class: 'split'}, h('div', null, editForm, testBox), table));
    this.editor.hidden = true;

    setChildren(this.root, h('h2', {text: 'Libbers'}),
      h('div', {class: 'open'}, openForm, createForm),
      this.recovery.el, this.recoveryNote.el, this.editor);
  }

  // ----------------------------------------------------------------------------------------
  // Files

  async refreshFiles() {
    const r = await get(L + 'list');
    if (r.ok) {
      fillSelect(this.fileSelect, r.body.libbers, this.state ? this.state.name : undefined,
        '(choose a file)');
      this.loadNote.clear();
      return r.body.libbers;
    }
    this.loadNote.show(message(r));
    return [];
  }

  /** Opens a Libber: joins the session kept for it in this browser, or loads the file. */
  async open(name) {
    this.loadNote.clear();
    this.recovery.hide();
    this.recoveryNote.clear();
    const e = store.entry(KIND, name);
    if (e && typeof e.session_id === 'string') {
      const r = await get(L + 'get_data', {session_id: e.session_id});
      if (r.ok) {
        this.created = !!e.created;
        this.base = e.dirty ? (e.base || null) : content(r.body);
        this.accept(r.body);
        this.conflict.hide();
        this.render();
        return true;
      }
      if (r.status === 404 && e.dirty && e.state) {
        this.offerRecovery(e);
        return false;
      }
    }
    return this.load(name);
  }

  /** Loads the file into a new session (nothing unsaved is kept for it). */
  async load(name) {
    const r = await post(L + 'load', {name});
    if (!r.ok) {
      this.loadNote.show(message(r));
      return false;
    }
    this.created = false;
    this.base = content(r.body);
    this.accept(r.body);
    this.conflict.hide();
    this.render();
    return true;
  }

  /** Shows the open Libber in the file list when it is a file. */
  showFile() {
    if (this.state && Array.from(this.fileSelect.options).some((o) => o.value === this.state.name)) {
      this.fileSelect.value = this.state.name;
    }
  }

  async create() {
    this.createNote.clear();
    const name = this.newName.value.trim();
    if (!name) {
      this.createNote.show('Type a name for the new Libber.');
      this.newName.focus();
      return;
    }
    const kept = store.entry(KIND, name);
    if (kept && kept.dirty) {
      this.createNote.show('This browser keeps unsaved edits of "' + name
          + '": open them first (Start lists them), or choose another name.');
      return;
    }
    const depth = Number(this.newDepth.value);
    if (!Number.isInteger(depth) || depth < 0 || depth > 100) {
      this.createNote.show('Max depth must be a whole number from 0 to 100.');
      return;
    }
    const r = await post(L + 'create', {name, delimiter: this.newDelimiter.value,
      max_depth: depth});
    if (!r.ok) {
      this.createNote.show(message(r));
      return;
    }
    this.created = true;
    this.base = null;
    this.accept(r.body);
    this.conflict.hide();
    this.saveInfo.show('Created "' + name + '" in a session; Save writes libbers/' + name
        + '.json (and will not overwrite a file of that name without asking).');
    this.render();
    this.key.focus();
  }

  // ----------------------------------------------------------------------------------------
  // Answers and rendering

  /** Takes a session answer as the panel's state; keeps the recovery entry unless told not to. */
  accept(body, keep = true) {
    this.release(body.session_id, body.name);
    this.sid = body.session_id;
    this.version = body.version;
    this.state = stateOf(body);
    this.dirty = this.created || this.base === null || !sameJson(content(this.state), this.base);
    if (keep) {
      this.keep();
    }
  }

  /**
   * Ends the session this panel is about to leave for `nextSid` (Reload, Restore, another Libber)
   * on the server: all of it is on disk or dropped on purpose. A session with unsaved edits of
   * another Libber stays open: this browser keeps its id, so opening that Libber again rejoins it
   * (the server ends it after its idle time otherwise, and the edits stay recoverable here).
   */
  release(nextSid, nextName) {
    const prev = this.sid;
    if (prev && prev !== nextSid && !(this.dirty && this.state && this.state.name !== nextName)) {
      closeSession(prev);
    }
  }

  keep() {
    store.remember(KIND, this.state.name, {
      session_id: this.sid, version: this.version, dirty: this.dirty, created: this.created,
      base: this.base, state: this.state,
    });
  }

  render() {
    const s = this.state;
    this.editor.hidden = !s;
    if (!s) {
      return;
    }
    this.root.dataset.session = this.sid;
    this.root.dataset.version = String(this.version);
    this.root.dataset.dirty = this.dirty ? 'true' : 'false';
    this.showFile();
    this.title.textContent = 'Libber "' + s.name + '"';
    this.meta.textContent = s.keys.length + (s.keys.length === 1 ? ' key' : ' keys')
        + ' · delimiter ' + s.delimiter + ' · max depth ' + s.max_depth
        + ' · version ' + this.version + ' · '
        + (this.dirty ? 'unsaved changes (Save writes them)' : 'saved');
    const t0 = performance.now();
    this.renderKeys(s);
    performance.measure('fbtools:libber:render', {start: t0, end: performance.now()});
    if (this.app) {
      this.app.libberChanged(this);
    }
  }

  /**
   * Refills the key selector and the table from the answer. Rows and options are keyed by the
   * Libber key and reused, so an answer that adds one key to 1,000 creates one row, not 1,000.
   */
  renderKeys(s) {
    const dict = s.lib_dict;
    const keys = s.keys;
    const same = this.renderedKeys && this.renderedKeys.length === keys.length
        && this.renderedKeys.every((k, i) => k === keys[i]);
    const rows = this.rowsByKey || new Map();
    const next = new Map();
    const list = [];
    for (const k of keys) {
      let row = rows.get(k);
      if (!row) {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'link';
        b.dataset.key = k;
        b.textContent = k;
        th.append(b);
        const td = document.createElement('td');
        tr.append(th, td);
        const option = new Option(k, k);
        row = {tr, td, option, value: null};
      }
      const v = has(dict, k) ? dict[k] : '';
      if (row.value !== v) {
        row.td.textContent = v;
        row.value = v;
      }
      next.set(k, row);
      list.push(row);
    }
    if (!same) {
      const selected = this.keySelect.value;
      for (const [k, row] of rows) {
        if (!next.has(k)) {
          row.tr.remove();
          row.option.remove();
        }
      }
      if (!this.placeholder) {
        this.placeholder = new Option('(choose a key to edit)', '');
        this.keySelect.replaceChildren(this.placeholder);
      }
      // Walk the new order once; only rows that are new or out of place move.
      let tr = this.rows.firstChild;
      let option = this.placeholder.nextSibling;
      for (const row of list) {
        if (row.tr === tr) {
          tr = tr.nextSibling;
        } else {
          this.rows.insertBefore(row.tr, tr);
        }
        if (row.option === option) {
          option = option.nextSibling;
        } else {
          this.keySelect.insertBefore(row.option, option);
        }
      }
      this.keySelect.value = next.has(selected) ? selected : '';
    }
    this.rowsByKey = next;
    this.renderedKeys = keys;
  }

  selectKey(key, fillValue) {
    this.key.value = key;
    this.keySelect.value = key;
    if (fillValue && this.state && has(this.state.lib_dict, key)) {
      this.value.value = this.state.lib_dict[key];
    }
    this.editNote.clear();
  }

  // ----------------------------------------------------------------------------------------
  // Mutations

  async mutate(op, fields, note, button) {
    this.root.setAttribute('aria-busy', 'true');
    const r = await post(L + op,
      Object.assign({session_id: this.sid, expected_version: this.version}, fields));
    this.root.removeAttribute('aria-busy');
    if (r.ok) {
      this.accept(r.body);
      this.render();
      note.clear();
      return r;
    }
    if (isStale(r)) {
      this.accept(r.body);
      this.render();
      note.show('Not applied: this Libber was changed elsewhere meanwhile (now version '
          + r.body.version + '). The list shows the current state; your text is kept: check it'
          + ' and press ' + button + ' again.');
      return null;
    }
    if (r.status === 404 && await this.lost()) {
      return null;
    }
    note.show(message(r));
    return null;
  }

  async add(t0) {
    const key = this.key.value;
    if (!key.trim()) {
      this.editNote.show('Type a key first.');
      this.key.focus();
      return;
    }
    const r = await this.mutate('add_lib', {key, value: this.value.value}, this.editNote,
      'Add / update');
    if (r) {
      this.selectKey(r.body.key, false);
      performance.measure('fbtools:libber:add_lib', {start: t0, end: performance.now()});
      this.refreshTest();
    }
  }

  async remove() {
    const key = this.key.value;
    if (!key.trim()) {
      this.editNote.show('Choose or type the key to remove.');
      this.key.focus();
      return;
    }
    const r = await this.mutate('remove_lib', {key}, this.editNote, 'Remove');
    if (r) {
      if (r.body.removed) {
        this.key.value = '';
        this.value.value = '';
      } else {
        this.editNote.show('There is no key "' + r.body.key + '" to remove.');
      }
      this.refreshTest();
    }
  }

  refreshTest() {
    if (this.test.value) {
      this.apply();
    }
  }

  async apply() {
    if (!this.sid) {
      return;
    }
    const seq = ++this.applySeq;
    const r = await post(L + 'apply', {session_id: this.sid, text: this.test.value});
    if (seq !== this.applySeq) {
      return;
    }
    if (r.ok) {
      this.result.textContent = r.body.result;
      this.testNote.clear();
    } else if (!(r.status === 404 && await this.lost())) {
      this.result.textContent = '';
      this.testNote.show(message(r));
    }
  }

  async save(force) {
    this.saveNote.clear();
    this.saveInfo.clear();
    const body = {session_id: this.sid, expected_version: this.version};
    if (force) {
      body.force = true;
    }
    const r = await post(L + 'save', body);
    const file = 'libbers/' + (this.state ? this.state.name : '') + '.json';
    if (r.ok) {
      this.created = false;
      this.base = content(stateOf(r.body));
      this.accept(r.body);
      this.conflict.hide();
      this.render();
      this.saveInfo.show(r.body.written
        ? 'Saved ' + file + ' (written: true).'
        : 'Saved: ' + file + ' already held this content (written: false).');
      if (this.app) {
        this.app.libberSaved();
      }
      return true;
    }
    if (isStale(r)) {
      const moved = r.body.version !== this.version;
      this.accept(r.body);
      this.render();
      if (moved) {
        this.saveNote.show('Not saved: this Libber was changed elsewhere meanwhile (now version '
            + r.body.version + '); check it and press Save again.');
      } else {
        this.conflict.show(/already exists/.test(message(r))
          ? 'Not saved: ' + file + ' already exists on disk (changed on disk since this'
            + ' Libber was created here); nothing was written.'
          : 'Not saved: ' + file + ' changed on disk since it was loaded or saved here;'
            + ' nothing was written.');
        this.conflict.reload.focus();
      }
      return false;
    }
    if (r.status === 404 && await this.lost()) {
      return false;
    }
    this.saveNote.show(message(r));
    return false;
  }

  /** Reload in the conflict bar: the file as it is on disk, in a new session. */
  async reload() {
    const name = this.state ? this.state.name : this.recovering && this.recovering.name;
    this.recovering = null;
    if (name && await this.load(name)) {
      this.saveInfo.show('Reloaded ' + 'libbers/' + name + '.json from disk; the unsaved'
          + ' changes of this editor were dropped.');
    }
  }

  /** Overwrite (confirmed) in the conflict bar. */
  async overwrite() {
    if (this.recovering) {
      const e = this.recovering;
      this.recovering = null;
      if (await this.replay(e)) {
        await this.save(false);
      }
      return;
    }
    await this.save(true);
  }

  // ----------------------------------------------------------------------------------------
  // Recovery

  /** After a 404: true if the session is gone (then recovery is offered or the file reopened). */
  async lost() {
    if (!this.sid) {
      return false;
    }
    const probe = await get(L + 'get_data', {session_id: this.sid});
    if (probe.status !== 404) {
      return false;
    }
    const e = this.state ? store.entry(KIND, this.state.name) : null;
    if (e && e.dirty && e.state) {
      this.offerRecovery(e);
    } else if (this.state) {
      await this.load(this.state.name);
      this.saveInfo.show('The server had ended this session (restart or 30 idle minutes);'
          + ' reopened the file, which holds everything that was saved. Try again.');
    }
    return true;
  }

  offerRecovery(e) {
    this.release(null, e.name);
    this.recovering = e;
    this.sid = null;
    this.state = null;
    this.editor.hidden = true;
    this.recovery.show('The server no longer has the session of Libber "' + e.name
        + '" (it restarted, or the session expired). This browser kept its unsaved edits ('
        + Object.keys(e.state.lib_dict).length + ' keys, last changed '
        + String(e.updated_at).replace('T', ' ').slice(0, 19) + ' UTC).');
  }

  async restore() {
    const e = this.recovering;
    if (!e) {
      return;
    }
    this.recoveryNote.clear();
    if (e.created || !e.base) {
      await this.restoreAsNew(e);
      return;
    }
    const r = await post(L + 'load', {name: e.name});
    if (r.status === 404) {
      await this.restoreAsNew(e);
      return;
    }
    if (!r.ok) {
      this.recoveryNote.show(message(r));
      return;
    }
    this.recovery.hide();
    this.created = false;
    this.base = content(r.body);
    this.accept(r.body, false);
    this.render();
    if (!sameJson(content(r.body), e.base)) {
      // The file changed after the edits were made: show it, keep the edits, let the user choose.
      this.conflict.show('Not restored: libbers/' + e.name + '.json changed on disk since your'
          + ' unsaved edits were made; nothing was written. Reload keeps the file and drops'
          + ' your edits; Overwrite puts your edits over it.');
      this.conflict.reload.focus();
      return;
    }
    this.recovering = null;
    if (await this.replay(e)) {
      this.saveInfo.show('Restored your unsaved edits; they are not on disk yet: Save writes'
          + ' them.');
    }
  }

  async restoreAsNew(e) {
    const r = await post(L + 'create', {name: e.name, delimiter: e.state.delimiter,
      max_depth: e.state.max_depth, lib_dict: e.state.lib_dict});
    if (!r.ok) {
      this.recoveryNote.show(message(r));
      return;
    }
    this.recovery.hide();
    this.recovering = null;
    this.created = true;
    this.base = null;
    this.accept(r.body);
    this.render();
    this.saveInfo.show('Restored your unsaved edits in a new session; Save writes them (and'
        + ' will not overwrite a file created meanwhile without asking).');
  }

  /** Applies the kept state to the current session, key by key; true if all went through. */
  async replay(e) {
    const want = e.state.lib_dict;
    const have = this.state.lib_dict;
    const ops = [];
    for (const k of Object.keys(want)) {
      if (!has(have, k) || have[k] !== want[k]) {
        ops.push(['add_lib', {key: k, value: want[k]}]);
      }
    }
    for (const k of Object.keys(have)) {
      if (!has(want, k)) {
        ops.push(['remove_lib', {key: k}]);
      }
    }
    for (const [op, fields] of ops) {
      const r = await post(L + op,
        Object.assign({session_id: this.sid, expected_version: this.version}, fields));
      if (!r.ok) {
        this.keepKept(e);
        this.recoveryNote.show('Restoring stopped: ' + message(r)
            + ' Your edits are still kept in this browser.');
        return false;
      }
      this.accept(r.body, false);
    }
    this.dirty = this.created || this.base === null || !sameJson(content(this.state), this.base);
    this.keep();
    this.render();
    return true;
  }

  /** Puts a kept entry back (a failed restore must not lose it). */
  keepKept(e) {
    store.remember(KIND, e.name, {session_id: e.session_id, version: e.version, dirty: true,
      created: e.created, base: e.base, state: e.state});
  }

  async discard() {
    const e = this.recovering;
    this.recovering = null;
    this.recovery.hide();
    if (e) {
      store.forget(KIND, e.name);
      if (!await this.load(e.name)) {
        this.editor.hidden = true;
      }
    }
  }

  /** The Libber session open here, as {name: session_id}, for process_compositions. */
  sessions() {
    return this.sid && this.state ? {[this.state.name]: this.sid} : {};
  }
}
