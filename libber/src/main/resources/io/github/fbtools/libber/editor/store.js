// Recovery entries in localStorage, one per open Libber or scene (key: kind and name).
//
// An entry: {kind: 'libber' | 'scene', name, session_id, version, dirty, saved_at, updated_at,
// and, while dirty: base (the content as loaded or last saved, or null for a Libber created in
// the editor and never saved), state (the last state the server answered), renames (scenes:
// the prompt renames since base, in order)}. The session id lets a second window (or a reload)
// join the same session; the kept state lets the editor restore unsaved edits when the server
// no longer has the session. A saved entry keeps only the session id: nothing to recover.

const PREFIX = 'fbtools-editor:v1:';

function key(kind, name) {
  return PREFIX + kind + ':' + name;
}

function read(k) {
  try {
    const raw = window.localStorage.getItem(k);
    if (raw === null) {
      return null;
    }
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch (e) {
    return null;
  }
}

function write(k, value) {
  try {
    window.localStorage.setItem(k, JSON.stringify(value));
    return true;
  } catch (e) {
    // Quota exceeded or storage disabled: the editor still works, without recovery.
    return false;
  }
}

/** The entry of a Libber or scene, or null. */
export function entry(kind, name) {
  return read(key(kind, name));
}

/**
 * Records the latest answer of a session. A state older than the one kept for the same session
 * (another window saw a later version) does not replace it.
 */
export function remember(kind, name, fields) {
  const k = key(kind, name);
  const old = read(k);
  if (old && old.session_id === fields.session_id && typeof old.version === 'number'
      && old.version > fields.version) {
    return old;
  }
  const now = new Date().toISOString();
  const e = Object.assign({kind, name, updated_at: now}, fields);
  if (!e.dirty) {
    delete e.base;
    delete e.state;
    delete e.renames;
    e.saved_at = fields.saved_at || (old && old.saved_at) || null;
  }
  write(k, e);
  write(PREFIX + 'current:' + kind, {name});
  return e;
}

/** Forgets a Libber's or scene's entry. */
export function forget(kind, name) {
  try {
    window.localStorage.removeItem(key(kind, name));
  } catch (e) {
    // nothing kept, nothing to forget
  }
}

/** The name last opened in a panel of this kind, or null. */
export function current(kind) {
  const c = read(PREFIX + 'current:' + kind);
  return c && typeof c.name === 'string' ? c.name : null;
}

/** Every entry with unsaved edits, newest first. */
export function unsaved() {
  const out = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (k && k.startsWith(PREFIX) && !k.startsWith(PREFIX + 'current:')) {
        const e = read(k);
        if (e && e.dirty && typeof e.name === 'string') {
          out.push(e);
        }
      }
    }
  } catch (e) {
    return out;
  }
  out.sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
  return out;
}
