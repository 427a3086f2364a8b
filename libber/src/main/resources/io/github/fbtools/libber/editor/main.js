// The editor's entry point: the tabs, the panels, and the deep links
// ?libber=NAME (opens that Libber file), ?scene=NAME (opens that scene) and ?story=NAME.

import {StartPanel} from './start.js';
import {LibbersPanel} from './libbers.js';
import {SceneSession} from './scene-session.js';
import {PromptsPanel} from './prompts.js';
import {ScenesPanel} from './scenes.js';
import * as store from './store.js';

const TABS = ['start', 'libbers', 'prompts', 'scenes'];

class App {
  constructor() {
    this.tabs = new Map();
    for (const name of TABS) {
      this.tabs.set(name, {tab: document.getElementById('tab-' + name),
        panel: document.getElementById('panel-' + name)});
    }
    this.status = document.getElementById('status');
    this.start = new StartPanel(this.tabs.get('start').panel);
    this.libbers = new LibbersPanel(this.tabs.get('libbers').panel, this);
    this.scene = new SceneSession();
    this.prompts = new PromptsPanel(this.tabs.get('prompts').panel, this.scene, this);
    this.scenes = new ScenesPanel(this.tabs.get('scenes').panel, this.scene, this);
    this.wireTabs();
  }

  wireTabs() {
    for (const [name, {tab}] of this.tabs) {
      tab.addEventListener('click', () => this.show(name, true));
      tab.addEventListener('keydown', (e) => {
        const i = TABS.indexOf(name);
        let next = null;
        if (e.key === 'ArrowRight') {
          next = TABS[(i + 1) % TABS.length];
        } else if (e.key === 'ArrowLeft') {
          next = TABS[(i + TABS.length - 1) % TABS.length];
        } else if (e.key === 'Home') {
          next = TABS[0];
        } else if (e.key === 'End') {
          next = TABS[TABS.length - 1];
        }
        if (next) {
          e.preventDefault();
          this.show(next, true);
          this.tabs.get(next).tab.focus();
        }
      });
    }
  }

  /** Shows one panel; the scene bar moves to the Prompts or Scenes panel when shown. */
  show(name, remember) {
    for (const [n, {tab, panel}] of this.tabs) {
      const on = n === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
    if (name === 'prompts') {
      this.prompts.slot.append(this.scene.bar);
    } else if (name === 'scenes') {
      this.scenes.slot.append(this.scene.bar);
    }
    if (name === 'prompts') {
      this.prompts.refreshComposed();
    }
    if (name === 'start') {
      this.start.renderUnsaved();
    }
    document.body.dataset.panel = name;
    if (remember) {
      history.replaceState(null, '', location.pathname + location.search + '#' + name);
    }
  }

  /**
   * Called by the Libbers panel after each render: its session serves compositions too, so the
   * Prompts panel composes again when it is shown (now, or when its tab is chosen).
   */
  libberChanged() {
    if (!this.tabs.get('prompts').panel.hidden) {
      this.prompts.refreshComposed();
    }
  }

  /** After a Libber save: a new file shows up in the lists and the Libber dropdowns. */
  async libberSaved() {
    const lists = await this.start.refresh();
    this.prompts.setLibberNames(lists.libbers);
    await this.libbers.refreshFiles();
  }

  libberSessions() {
    return this.libbers.sessions();
  }

  async boot() {
    const q = new URLSearchParams(location.search);
    const lists = await this.start.refresh();
    this.libbers.fileSelect.dataset.ready = 'true';
    this.prompts.setLibberNames(lists.libbers);
    await this.libbers.refreshFiles();
    await this.scenes.refreshStories();
    let panel = location.hash.slice(1);
    if (q.has('libber')) {
      panel = 'libbers';
      this.show(panel, false);
      await this.libbers.open(q.get('libber'));
    } else if (q.has('scene')) {
      panel = 'prompts';
      this.show(panel, false);
      await this.scenes.open(q.get('scene'));
    } else if (q.has('story')) {
      panel = 'scenes';
      this.scenes.story.value = q.get('story');
      await this.scenes.fillScenes();
    } else {
      if (!TABS.includes(panel)) {
        panel = 'start';
      }
      // Resume where this browser left off (joining live sessions; nothing is loaded twice).
      const libber = store.current('libber');
      const scene = store.current('scene');
      const work = [];
      if (libber) {
        work.push(this.libbers.open(libber));
      }
      if (scene) {
        work.push(this.scenes.open(scene));
      }
      await Promise.all(work);
    }
    this.show(panel, false);
    document.body.dataset.ready = 'true';
    performance.mark('fbtools:ready');
  }
}

const app = new App();
app.boot();
