// The start page: the Libber files and scene folders on disk (each a link that opens it), the
// stories, and the unsaved edits this browser keeps.

import {get, message} from './api.js';
import {h, editorLink, setChildren, Note} from './dom.js';
import * as store from './store.js';

export class StartPanel {
  constructor(root) {
    this.root = root;
    this.libbers = h('ul', {id: 'start-libbers', class: 'links'});
    this.scenes = h('ul', {id: 'start-scenes', class: 'links'});
    this.stories = h('ul', {id: 'start-stories', class: 'links'});
    this.unsaved = h('ul', {id: 'start-unsaved', class: 'links'});
    this.note = new Note('start-error');
    this.unsavedBox = h('section', {'aria-labelledby': 'start-unsaved-h', class: 'unsaved'},
      h('h3', {id: 'start-unsaved-h', text: 'Unsaved edits kept in this browser'}), this.unsaved);
    this.unsavedBox.hidden = true; // until the first render says there are some
    setChildren(root,
      h('h2', {text: 'Start'}),
      h('p', {class: 'meta', text: 'Open a Libber file or a scene folder. Edits stay on the'
          + ' server until you press Save; this browser keeps them too, to restore them if the'
          + ' server restarts.'}),
      this.note.el,
      this.unsavedBox,
      h('div', {class: 'columns'},
        h('section', {'aria-labelledby': 'start-libbers-h'},
          h('h3', {id: 'start-libbers-h', text: 'Libber files'}), this.libbers),
        h('section', {'aria-labelledby': 'start-scenes-h'},
          h('h3', {id: 'start-scenes-h', text: 'Scene folders'}), this.scenes),
        h('section', {'aria-labelledby': 'start-stories-h'},
          h('h3', {id: 'start-stories-h', text: 'Stories'}), this.stories)));
  }

  /** Fills the lists; returns {libbers, scenes} (names) for the other panels. */
  async refresh() {
    const [l, s, t] = await Promise.all([get('/fbtools/libber/list'),
      get('/fbtools/scene/list'), get('/fbtools/story/list')]);
    const failed = [l, s, t].find((r) => !r.ok);
    if (failed) {
      this.note.show(message(failed));
    } else {
      this.note.clear();
    }
    const libbers = l.ok ? l.body.libbers : [];
    const scenes = s.ok ? s.body.scenes : [];
    const stories = t.ok ? t.body.stories : [];
    this.fill(this.libbers, libbers.map((n) => editorLink('libber', n)), 'No Libber files.');
    this.fill(this.scenes, scenes.map((n) => editorLink('scene', n)), 'No scene folders.');
    this.fill(this.stories, stories.map((n) => editorLink('story', n)), 'No stories.');
    this.renderUnsaved();
    this.root.dataset.loaded = 'true';
    return {libbers, scenes, stories};
  }

  renderUnsaved() {
    const entries = store.unsaved();
    this.unsavedBox.hidden = entries.length === 0;
    this.fill(this.unsaved, entries.map((e) => h('span', null,
      editorLink(e.kind, e.name, (e.kind === 'libber' ? 'Libber ' : 'Scene ') + e.name),
      ' (last changed ' + String(e.updated_at).replace('T', ' ').slice(0, 19) + ' UTC)')), '');
  }

  fill(list, items, empty) {
    setChildren(list, items.length
      ? items.map((i) => h('li', null, i))
      : (empty ? [h('li', {class: 'meta', text: empty})] : []));
  }
}
