// The Scenes panel (SceneEdit): choose a story and its scenes in story order, or any scene
// folder; on every change of scene the prompt-name dropdown is refilled from
// prompts/discover/{scene} (the v2 names and the v1 keys kept in v1_backup); the scene's
// metadata (pose name, mask type, depth type, resolution) and its LoRA stack (add, remove,
// reorder); Save (in the scene bar) shows changed_files, and a 409 as in every panel.

import {get, seg, message} from './api.js';
import {h, field, fillSelect, Note, setChildren, trackEdits, fill} from './dom.js';

const S = '/fbtools/scene/';

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export class ScenesPanel {
  constructor(root, scene, app) {
    this.root = root;
    this.scene = scene;
    this.app = app;
    this.discovered = [];
    this.discoverSeq = 0;
    this.build();
    scene.onChange(() => this.render());
  }

  build() {
    this.slot = h('div', {class: 'slot'});
    this.story = h('select', {id: 'scene-story'});
    this.story.addEventListener('change', () => this.fillScenes());
    this.sceneSelect = h('select', {id: 'scene-select'});
    this.sceneSelect.addEventListener('change', () => {
      if (this.sceneSelect.value) {
        this.open(this.sceneSelect.value);
      }
    });
    this.chooseNote = new Note('scene-choose-error').describes(this.story, this.sceneSelect);
    const choose = h('form', {class: 'row', id: 'scene-choose-form', onsubmit: (e) => {
      e.preventDefault();
      if (this.sceneSelect.value) {
        this.open(this.sceneSelect.value);
      }
    }},
    field('Story', this.story), field('Scene', this.sceneSelect),
    h('button', {type: 'submit', id: 'scene-open', text: 'Open'}), this.chooseNote.el);

    this.promptKey = h('select', {id: 'scene-prompt-key'});
    this.promptKey.addEventListener('change', () => this.preview());
    this.promptPreview = h('output', {id: 'scene-prompt-preview', for: 'scene-prompt-key',
      class: 'result'});
    this.discoverNote = new Note('scene-discover-error').describes(this.promptKey);
    const keys = h('div', {class: 'row', id: 'scene-keys'},
      field('Prompt key', this.promptKey, 'The scene\'s prompt names, and the v1 keys kept in'
        + ' its v1_backup'),
      h('p', {class: 'result-line'}, h('span', {class: 'label', text: 'Value: '}),
        this.promptPreview),
      this.discoverNote.el);

    this.pose = h('input', {id: 'scene-pose', autocomplete: 'off'});
    this.mask = h('input', {id: 'scene-mask', autocomplete: 'off'});
    this.depth = h('input', {id: 'scene-depth', autocomplete: 'off'});
    this.resolution = h('input', {id: 'scene-resolution', type: 'number', min: 1, step: 1});
    trackEdits(this.pose, this.mask, this.depth, this.resolution);
    this.metaNote = new Note('scene-metadata-error')
      .describes(this.pose, this.mask, this.depth, this.resolution);
    const meta = h('form', {class: 'edit', id: 'scene-metadata-form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      this.applyMetadata();
    }},
    h('h3', {text: 'Metadata'}),
    h('div', {class: 'row'}, field('Pose name', this.pose), field('Mask type', this.mask),
      field('Depth type', this.depth), field('Resolution', this.resolution, 'Empty: none')),
    h('div', {class: 'buttons'},
      h('button', {type: 'submit', id: 'scene-metadata-apply', text: 'Apply metadata'})),
    this.metaNote.el);

    this.loraRows = h('tbody', {id: 'lora-rows'});
    this.loraRows.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-action]');
      if (b) {
        this.loraAction(b.dataset.action, Number(b.dataset.index));
      }
    });
    this.loraNote = new Note('lora-error');
    this.loraName = h('input', {id: 'lora-name', autocomplete: 'off', spellcheck: 'false'});
    this.loraTarget = h('input', {id: 'lora-target', autocomplete: 'off',
      value: 'Wan2.2-Wrapper-High', list: 'lora-targets'});
    this.loraStrength = h('input', {id: 'lora-strength', type: 'number', step: 'any', value: 1});
    this.loraClip = h('input', {id: 'lora-clip', type: 'number', step: 'any', value: 1});
    this.loraNote.describes(this.loraName);
    const targets = h('datalist', {id: 'lora-targets'},
      h('option', {value: 'Wan2.2-Wrapper-High'}), h('option', {value: 'Wan2.2-Wrapper-Low'}));
    const loraForm = h('form', {class: 'row', id: 'lora-add-form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      this.addLora();
    }},
    field('LoRA', this.loraName), field('Model target', this.loraTarget), targets,
    field('Strength (model)', this.loraStrength), field('Strength (clip)', this.loraClip),
    h('button', {type: 'submit', id: 'lora-add', text: 'Add LoRA'}));
    const loras = h('section', {class: 'loras', 'aria-labelledby': 'loras-h'},
      h('h3', {id: 'loras-h', text: 'LoRA stack'}),
      h('table', {id: 'lora-table'},
        h('caption', {text: 'In the order they are applied'}),
        h('thead', null, h('tr', null, ...['#', 'LoRA', 'Model target', 'Strength (model)',
          'Strength (clip)', 'Enabled', 'Actions'].map((t) => h('th', {scope: 'col', text: t})))),
        this.loraRows),
      loraForm, this.loraNote.el);

    this.editor = h('div', {id: 'scene-editor'}, meta, loras);
    this.editor.hidden = true;
    setChildren(this.root, h('h2', {text: 'Scenes'}), choose, keys, this.slot, this.editor);
  }

  // ----------------------------------------------------------------------------------------
  // Choosing

  async refreshStories() {
    const r = await get('/fbtools/story/list');
    const stories = r.ok ? r.body.stories : [];
    if (!r.ok) {
      this.chooseNote.show(message(r));
    }
    fillSelect(this.story, stories.map((s) => ({value: s, label: s})), this.story.value,
      '(every scene folder)');
    await this.fillScenes();
    return stories;
  }

  async fillScenes() {
    const story = this.story.value;
    const r = story ? await get(S + 'list_scenes/' + seg(story)) : await get(S + 'list');
    if (!r.ok) {
      this.chooseNote.show(message(r));
      return [];
    }
    this.chooseNote.clear();
    const items = story
      ? r.body.scenes.map((s) => ({value: s.scene_name,
        label: String(s.scene_order).padStart(3, '0') + ' ' + s.scene_name}))
      : r.body.scenes.map((n) => ({value: n, label: n}));
    const current = this.scene.state ? this.scene.state.scene_name : this.sceneSelect.value;
    if (current && !items.some((i) => i.value === current)) {
      items.unshift({value: current, label: current + ' (open)'});
    }
    fillSelect(this.sceneSelect, items, current || '', '(choose a scene)');
    return items;
  }

  /** Opens a scene (joining its kept session) and refills the prompt-name dropdown. */
  async open(name) {
    this.chooseNote.clear();
    if (!Array.from(this.sceneSelect.options).some((o) => o.value === name)) {
      this.sceneSelect.append(new Option(name, name));
    }
    this.sceneSelect.value = name;
    const discovering = this.discover(name);
    const ok = await this.scene.open(name);
    if (!ok && this.scene.lastError) {
      this.chooseNote.show(this.scene.lastError);
      this.scene.changed(); // the Prompts panel says so too
    }
    await discovering;
    this.fillMetadata(true);
    return ok;
  }

  async discover(name) {
    const seq = ++this.discoverSeq;
    const r = await get('/fbtools/prompts/discover/' + seg(name));
    if (seq !== this.discoverSeq) {
      return;
    }
    if (!r.ok) {
      this.discovered = [];
      fillSelect(this.promptKey, [], '', '(no prompt names)');
      this.discoverNote.show(message(r));
      return;
    }
    this.discoverNote.clear();
    this.discovered = r.body.prompt_names;
    this.root.dataset.discovered = name;
    fillSelect(this.promptKey, this.discovered, this.promptKey.value, '(choose a prompt key)');
    this.preview();
  }

  preview() {
    const k = this.promptKey.value;
    const s = this.scene.state;
    if (!k || !s) {
      this.promptPreview.textContent = '';
      return;
    }
    const prompts = s.collection.prompts || {};
    const backup = s.collection.v1_backup || {};
    if (has(prompts, k)) {
      const e = prompts[k];
      this.promptPreview.textContent = typeof e === 'string' ? e : String(e.value);
    } else if (has(backup, k)) {
      this.promptPreview.textContent = String(backup[k]) + '  (only in v1_backup)';
    } else {
      this.promptPreview.textContent = '';
    }
  }

  // ----------------------------------------------------------------------------------------
  // Rendering

  render() {
    const s = this.scene.state;
    this.editor.hidden = !s;
    if (!s) {
      return;
    }
    this.root.dataset.version = String(this.scene.version);
    this.fillMetadata(false);
    const frag = document.createDocumentFragment();
    const n = s.loras.length;
    s.loras.forEach((l, i) => {
      const label = '"' + l.lora + '" (' + (i + 1) + ')';
      frag.append(h('tr', null,
        h('td', {text: String(i + 1)}),
        h('th', {scope: 'row', text: l.lora}),
        h('td', {text: l.model_target}),
        h('td', {text: String(l.strength_model)}),
        h('td', {text: String(l.strength_clip)}),
        h('td', {text: l.enabled ? 'yes' : 'no'}),
        h('td', {class: 'actions'},
          h('button', {type: 'button', text: '↑', disabled: i === 0,
            'aria-label': 'Move ' + label + ' up', dataset: {action: 'up', index: String(i)}}),
          h('button', {type: 'button', text: '↓', disabled: i === n - 1,
            'aria-label': 'Move ' + label + ' down', dataset: {action: 'down', index: String(i)}}),
          h('button', {type: 'button', text: 'Remove',
            'aria-label': 'Remove ' + label, dataset: {action: 'remove', index: String(i)}}))));
    });
    this.loraRows.replaceChildren(frag);
    this.preview();
  }

  /** Shows the metadata; `force` (a newly opened scene) overwrites what the user typed. */
  fillMetadata(force) {
    const s = this.scene.state;
    if (!s) {
      return;
    }
    fill(this.pose, s.pose_name, force);
    fill(this.mask, s.mask_type, force);
    fill(this.depth, s.depth_type, force);
    fill(this.resolution, s.resolution, force);
  }

  // ----------------------------------------------------------------------------------------
  // Edits

  async applyMetadata() {
    const res = this.resolution.value.trim();
    let resolution = null;
    if (res) {
      resolution = Number(res);
      if (!Number.isInteger(resolution) || resolution < 1 || resolution > 2147483647) {
        this.metaNote.show('Resolution must be a whole number from 1 to 2147483647, or empty.');
        this.resolution.focus();
        return;
      }
    }
    const r = await this.scene.mutate('update_metadata', {pose_name: this.pose.value,
      mask_type: this.mask.value, depth_type: this.depth.value, resolution}, this.metaNote,
    'Apply metadata');
    if (r) {
      this.fillMetadata(true);
    }
  }

  async addLora() {
    const name = this.loraName.value.trim();
    if (!name) {
      this.loraNote.show('Type the LoRA\'s file name.');
      this.loraName.focus();
      return;
    }
    const strength = Number(this.loraStrength.value);
    const clip = Number(this.loraClip.value);
    if (!Number.isFinite(strength) || !Number.isFinite(clip)) {
      this.loraNote.show('Strengths must be numbers.');
      return;
    }
    const entry = {lora: name, model_target: this.loraTarget.value, strength_model: strength,
      strength_clip: clip};
    if (await this.scene.mutate('update_loras', {add: [entry]}, this.loraNote, 'Add LoRA')) {
      this.loraName.value = '';
    }
  }

  async loraAction(action, i) {
    const s = this.scene.state;
    if (!s || !(i >= 0 && i < s.loras.length)) {
      return;
    }
    const loras = s.loras.slice();
    if (action === 'remove') {
      loras.splice(i, 1);
    } else {
      const j = action === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= loras.length) {
        return;
      }
      [loras[i], loras[j]] = [loras[j], loras[i]];
    }
    const label = action === 'remove' ? 'Remove' : (action === 'up' ? '↑' : '↓');
    await this.scene.mutate('update_metadata', {loras}, this.loraNote, label);
  }
}
