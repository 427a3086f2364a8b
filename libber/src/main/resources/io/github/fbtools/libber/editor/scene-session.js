// One scene's editing session, shared by the Prompts and Scenes panels: a scene's prompts have
// exactly one copy (the server's session), whichever panel edits them. This module holds the
// session id, version and last answered state, the bar with Save and its 409 handling, and the
// recovery of unsaved edits after the server lost the session.

import {get, post, message, isStale, closeSession} from './api.js';
import {h, Note, ConflictBar, RecoveryBox, sameJson} from './dom.js';
import * as store from './store.js';

const S = '/fbtools/scene/';
const KIND = 'scene';

/** The part of a scene answer that is saved to disk. */
export function content(s) {
  return {collection: s.collection, pose_name: s.pose_name, mask_type: s.mask_type,
    depth_type: s.depth_type, resolution: s.resolution, loras: s.loras};
}

function stateOf(b) {
  return {scene_name: b.scene_name, collection: b.collection, prompt_names: b.prompt_names,
    pose_name: b.pose_name, mask_type: b.mask_type, depth_type: b.depth_type,
    resolution: b.resolution, loras: b.loras, has_pose: b.has_pose};
}

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** An object without a prototype, for maps keyed by user data. */
export function dict() {
  return Object.create(null);
}

export class SceneSession {
  constructor() {
    this.sid = null;
    this.version = -1;
    this.state = null;
    this.base = null;
    this.dirty = false;
    this.renames = [];
    this.recovering = null;
    this.lastError = null;
    this.listeners = [];

    this.title = h('h3', {id: 'scene-title'});
    this.meta = h('p', {id: 'scene-meta', class: 'meta'});
    this.saveButton = h('button', {type: 'button', id: 'scene-save', text: 'Save scene',
      onclick: () => this.save(false)});
    this.saveNote = new Note('scene-save-error').describes(this.saveButton);
    this.saveInfo = new Note('scene-save-result', 'info');
    this.conflict = new ConflictBar(KIND, () => this.reload(), () => this.overwrite());
    this.recovery = new RecoveryBox(KIND, () => this.restore(), () => this.discard());
    this.recoveryNote = new Note('scene-recovery-error').describes(this.recovery.restore);
    this.header = h('div', {id: 'scene-header'}, this.title, this.meta,
      h('div', {class: 'row save'}, this.saveButton, this.saveNote.el, this.saveInfo.el),
      this.conflict.el);
    this.header.hidden = true;
    /** The bar shown at the top of the Prompts and Scenes panels (moved to the visible one). */
    this.bar = h('div', {class: 'scene-bar', id: 'scene-bar'}, this.recovery.el,
      this.recoveryNote.el, this.header);
  }

  /** fn(session) after every change of state. */
  onChange(fn) {
    this.listeners.push(fn);
  }

  changed() {
    this.header.hidden = !this.state;
    if (this.state) {
      this.title.textContent = 'Scene "' + this.state.scene_name + '"';
      const n = this.state.prompt_names.length;
      this.meta.textContent = n + (n === 1 ? ' prompt' : ' prompts') + ' · version '
          + this.version + ' · ' + (this.dirty ? 'unsaved changes (Save scene writes them)'
            : 'saved');
      this.bar.dataset.session = this.sid;
      this.bar.dataset.version = String(this.version);
      this.bar.dataset.dirty = this.dirty ? 'true' : 'false';
    }
    for (const fn of this.listeners) {
      fn(this);
    }
  }

  // ----------------------------------------------------------------------------------------

  /** Opens a scene: joins the session kept for it in this browser, or opens the folder. */
  async open(name) {
    this.recovery.hide();
    this.recoveryNote.clear();
    const e = store.entry(KIND, name);
    if (e && typeof e.session_id === 'string') {
      const r = await get(S + 'get', {session_id: e.session_id});
      if (r.ok) {
        this.base = e.dirty && e.base ? e.base : content(r.body);
        this.renames = e.dirty && Array.isArray(e.renames) ? e.renames : [];
        this.accept(r.body);
        this.conflict.hide();
        this.changed();
        return true;
      }
      if (r.status === 404 && e.dirty && e.state) {
        this.offerRecovery(e);
        return false;
      }
    }
    return this.load(name);
  }

  /** Opens the scene folder in a new session. */
  async load(name) {
    const r = await post(S + 'open', {scene_name: name});
    if (!r.ok) {
      this.lastError = message(r);
      return false;
    }
    this.lastError = null;
    this.recoveryNote.clear();
    this.saveNote.clear();
    this.base = content(r.body);
    this.renames = [];
    this.accept(r.body);
    this.conflict.hide();
    this.changed();
    return true;
  }

  accept(body, keep = true) {
    this.release(body.session_id, body.scene_name);
    this.sid = body.session_id;
    this.version = body.version;
    this.state = stateOf(body);
    this.dirty = this.base === null || !sameJson(content(this.state), this.base);
    if (keep) {
      this.keep();
    }
  }

  /**
   * Ends the session this scene is about to leave for `nextSid` (Reload, Restore, another scene)
   * on the server: all of it is on disk or dropped on purpose. A session with unsaved edits of
   * another scene stays open: this browser keeps its id, so opening that scene again rejoins it
   * (the server ends it after its idle time otherwise, and the edits stay recoverable here).
   */
  release(nextSid, nextName) {
    const prev = this.sid;
    if (prev && prev !== nextSid
        && !(this.dirty && this.state && this.state.scene_name !== nextName)) {
      closeSession(prev);
    }
  }

  keep() {
    store.remember(KIND, this.state.scene_name, {session_id: this.sid, version: this.version,
      dirty: this.dirty, base: this.base, state: this.state, renames: this.renames});
  }

  /**
   * Sends one mutation with expected_version. On success the state is the answer's; on a 409
   * the state is the answer's too and `note` says so in one line (inputs are left alone).
   * Returns the answer on success, else null.
   */
  async mutate(op, fields, note, button) {
    if (!this.sid) {
      note.show('Open a scene first.');
      return null;
    }
    const r = await post(S + op,
      Object.assign({session_id: this.sid, expected_version: this.version}, fields));
    if (r.ok) {
      this.accept(r.body);
      note.clear();
      this.changed();
      return r;
    }
    if (isStale(r)) {
      this.accept(r.body);
      this.changed();
      note.show('Not applied: this scene was changed elsewhere meanwhile (now version '
          + r.body.version + '). The editor shows the current state; your input is kept:'
          + ' check it and press ' + button + ' again.');
      return null;
    }
    if (r.status === 404 && await this.lost()) {
      return null;
    }
    note.show(message(r));
    return null;
  }

  /** Records a prompt rename (replayed when restoring, so compositions follow). */
  renamed(from, to) {
    this.renames.push([from, to]);
    this.keep();
  }

  async save(force) {
    this.saveNote.clear();
    this.saveInfo.clear();
    if (!this.sid) {
      return false;
    }
    const body = {session_id: this.sid, expected_version: this.version};
    if (force) {
      body.force = true;
    }
    const r = await post(S + 'save_metadata', body);
    const name = this.state.scene_name;
    if (r.ok) {
      this.base = content(stateOf(r.body));
      this.renames = [];
      this.accept(r.body);
      this.conflict.hide();
      this.changed();
      const files = r.body.changed_files || [];
      this.saveInfo.show(files.length
        ? 'Saved scene "' + name + '": changed_files ' + files.join(', ') + '.'
        : 'Saved scene "' + name + '": the files already held this content (changed_files'
          + ' is empty).');
      return true;
    }
    if (isStale(r)) {
      const moved = r.body.version !== this.version;
      this.accept(r.body);
      this.changed();
      if (moved) {
        this.saveNote.show('Not saved: this scene was changed elsewhere meanwhile (now version '
            + r.body.version + '); check it and press Save scene again.');
      } else if (/backup/.test(message(r))) {
        this.saveNote.show('Not saved: ' + message(r));
      } else {
        this.conflict.show('Not saved: a file of scene "' + name + '" changed on disk since'
            + ' it was opened or saved here; nothing was written.');
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

  async reload() {
    const name = this.state ? this.state.scene_name : this.recovering && this.recovering.name;
    this.recovering = null;
    if (!name) {
      return;
    }
    if (await this.load(name)) {
      this.saveInfo.show('Reloaded scene "' + name + '" from disk; the unsaved changes of this'
          + ' editor were dropped.');
    } else {
      this.saveNote.show(this.lastError);
    }
  }

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

  async lost() {
    if (!this.sid) {
      return false;
    }
    const probe = await get(S + 'get', {session_id: this.sid});
    if (probe.status !== 404) {
      return false;
    }
    const e = this.state ? store.entry(KIND, this.state.scene_name) : null;
    if (e && e.dirty && e.state) {
      this.offerRecovery(e);
    } else if (this.state) {
      if (!await this.load(this.state.scene_name)) {
        this.saveNote.show(this.lastError);
        return true;
      }
      this.saveInfo.show('The server had ended this session (restart or 30 idle minutes);'
          + ' reopened the scene, which holds everything that was saved. Try again.');
    }
    return true;
  }

  offerRecovery(e) {
    this.release(null, e.name);
    this.recovering = e;
    this.sid = null;
    this.state = null;
    this.changed();
    this.recovery.show('The server no longer has the session of scene "' + e.name
        + '" (it restarted, or the session expired). This browser kept its unsaved edits (last'
        + ' changed ' + String(e.updated_at).replace('T', ' ').slice(0, 19) + ' UTC).');
  }

  async restore() {
    const e = this.recovering;
    if (!e) {
      return;
    }
    this.recoveryNote.clear();
    const r = await post(S + 'open', {scene_name: e.name});
    if (!r.ok) {
      this.recoveryNote.show('Cannot restore: ' + message(r));
      return;
    }
    this.recovery.hide();
    this.base = content(r.body);
    this.renames = [];
    this.accept(r.body, false);
    if (!sameJson(content(r.body), e.base)) {
      this.changed();
      this.conflict.show('Not restored: scene "' + e.name + '" changed on disk since your'
          + ' unsaved edits were made; nothing was written. Reload keeps the files and drops'
          + ' your edits; Overwrite puts your edits over them.');
      this.conflict.reload.focus();
      return;
    }
    this.recovering = null;
    if (await this.replay(e)) {
      this.saveInfo.show('Restored your unsaved edits; they are not on disk yet: Save scene'
          + ' writes them.');
    }
  }

  /** Applies a kept state to the current session: renames, then prompts, then metadata. */
  async replay(e) {
    const send = async (op, fields) => {
      const r = await post(S + op,
        Object.assign({session_id: this.sid, expected_version: this.version}, fields));
      if (!r.ok) {
        store.remember(KIND, e.name, {session_id: e.session_id, version: e.version, dirty: true,
          base: e.base, state: e.state, renames: e.renames});
        this.recoveryNote.show('Restoring stopped: ' + message(r)
            + ' Your edits are still kept in this browser.');
        this.changed();
        return false;
      }
      this.accept(r.body, false);
      return true;
    };
    const renames = Array.isArray(e.renames) ? e.renames : [];
    for (const [from, to] of renames) {
      const have = this.state.collection.prompts || {};
      if (has(have, from) && !has(have, to)) {
        const rename = dict();
        rename[from] = to;
        if (!await send('update_prompts', {rename})) {
          return false;
        }
        this.renames.push([from, to]);
      }
    }
    const want = e.state.collection.prompts || {};
    const have = this.state.collection.prompts || {};
    const set = dict();
    let count = 0;
    for (const k of Object.keys(want)) {
      if (!has(have, k) || !sameJson(have[k], want[k])) {
        set[k] = want[k];
        count++;
      }
    }
    const remove = Object.keys(have).filter((k) => !has(want, k));
    if (count || remove.length) {
      if (!await send('update_prompts', {prompts: set, remove})) {
        return false;
      }
    }
    const m = e.state;
    const now = this.state;
    if (m.pose_name !== now.pose_name || m.mask_type !== now.mask_type
        || m.depth_type !== now.depth_type || m.resolution !== now.resolution
        || !sameJson(m.loras, now.loras)) {
      if (!await send('update_metadata', {pose_name: m.pose_name, mask_type: m.mask_type,
        depth_type: m.depth_type, resolution: m.resolution, loras: m.loras})) {
        return false;
      }
    }
    this.dirty = !sameJson(content(this.state), this.base);
    this.keep();
    this.changed();
    if (!sameJson(content(this.state), content(e.state))) {
      this.saveInfo.show('Restored your unsaved edits, except where the scene could not take'
          + ' them exactly (compositions); check them before saving.');
    }
    return true;
  }

  async discard() {
    const e = this.recovering;
    this.recovering = null;
    this.recovery.hide();
    if (e) {
      store.forget(KIND, e.name);
      if (!await this.load(e.name)) {
        this.recoveryNote.show(this.lastError);
      }
    }
  }
}
