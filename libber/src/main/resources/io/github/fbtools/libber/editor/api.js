// The one way the editor talks to the server: same-origin fetch, JSON in and out.
// Every request carries Content-Type: application/json (the server answers 415 to a POST
// without it). Errors are never thrown: every call resolves to {ok, status, body}, where body
// is the server's JSON answer or, for a network failure or a non-JSON answer, an object in the
// API's error shape {success: false, error: "..."}.
//
// A server started with a bearer token (--token-file) answers the API with 401 until the token
// is sent. Then the editor shows a small form at the top of the page, waits until its user
// enters the token, keeps it in sessionStorage (this tab only; gone when the tab closes) and
// sends "Authorization: Bearer <token>" with every call, retrying the call that met the 401.
// A refused token shows the server's error as text in the form; nothing is sent meanwhile.

import {h} from './dom.js';

const JSON_HEADERS = Object.freeze({
  'Content-Type': 'application/json',
  'Accept': 'application/json',
});

const TOKEN_KEY = 'fbtools-editor:token';

let memoryToken = null; // where sessionStorage is disabled
let tokenForm = null;
let tokenWait = null; // {promise, resolve} while the form waits for its user

function storedToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    return memoryToken;
  }
}

function keepToken(token) {
  memoryToken = token;
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch (e) {
    // storage disabled: kept in memory for this page only
  }
}

function buildTokenForm() {
  const input = h('input', {id: 'token-input', type: 'password', autocomplete: 'off',
    spellcheck: 'false', required: true, 'aria-describedby': 'token-hint token-error'});
  const error = h('p', {id: 'token-error', class: 'note error', role: 'alert'});
  error.hidden = true;
  const form = h('form', {id: 'token-form', class: 'token', 'aria-labelledby': 'token-title'},
    h('h2', {id: 'token-title', text: 'Access token'}),
    h('p', {id: 'token-hint', class: 'hint', text: 'This server needs its access token (the'
      + ' one in its --token-file). The editor keeps it in this tab only and sends it with'
      + ' every API call.'}),
    h('div', {class: 'row'},
      h('div', {class: 'field'}, h('label', {for: 'token-input', text: 'Token'}), input),
      h('button', {type: 'submit', id: 'token-submit', text: 'Use token'})),
    error);
  form.hidden = true;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      error.textContent = 'Type the token first.';
      error.hidden = false;
      return;
    }
    keepToken(token);
    input.value = '';
    error.hidden = true;
    form.hidden = true;
    const wait = tokenWait;
    tokenWait = null;
    if (wait) {
      wait.resolve();
    }
  });
  const header = document.querySelector('body > header');
  if (header) {
    header.after(form);
  } else {
    document.body.prepend(form);
  }
  return {form, input, error};
}

/** Shows the token form (with `problem` as text, if any) and resolves once a token is entered. */
function askForToken(problem) {
  if (!tokenForm) {
    tokenForm = buildTokenForm();
  }
  if (problem) {
    tokenForm.error.textContent = problem;
    tokenForm.error.hidden = false;
  }
  if (!tokenWait) {
    let resolve;
    const promise = new Promise((r) => {
      resolve = r;
    });
    tokenWait = {promise, resolve};
    tokenForm.form.hidden = false;
    tokenForm.input.focus();
  }
  return tokenWait.promise;
}

async function call(method, path, body) {
  for (;;) {
    const token = storedToken();
    const r = await send(method, path, body, token);
    if (r.status !== 401) {
      return r;
    }
    if (storedToken() !== token) {
      continue; // another call got a newer token meanwhile
    }
    await askForToken(token === null ? null
      : 'The server refused this token: ' + message(r) + '. Check it and try again.');
  }
}

async function send(method, path, body, token) {
  const headers = token === null ? JSON_HEADERS
    : Object.assign({}, JSON_HEADERS, {'Authorization': 'Bearer ' + token});
  const init = {
    method,
    headers,
    cache: 'no-store',
    credentials: 'same-origin',
    redirect: 'error',
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return {ok: false, status: 0, body: {success: false,
      error: 'cannot reach the server (' + String(e && e.message ? e.message : e) + ')'}};
  }
  let data;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    data = {success: false, error: 'the server answered ' + response.status + ' without a JSON object'};
  }
  return {ok: response.ok, status: response.status, body: data};
}

/** GET path?query; query values are strings (encoded here). */
export function get(path, query) {
  let url = path;
  if (query) {
    const qs = new URLSearchParams(query).toString();
    if (qs) {
      url += '?' + qs;
    }
  }
  return call('GET', url);
}

/** POST path with a JSON object body. */
export function post(path, body) {
  return call('POST', path, body || {});
}

/** A path segment, percent-encoded (names may hold spaces). */
export function seg(name) {
  return encodeURIComponent(name);
}

/** The message of a failed answer. */
export function message(r) {
  const e = r && r.body && typeof r.body.error === 'string' ? r.body.error : null;
  return e || ('the server answered ' + (r ? r.status : '?'));
}

/** Whether a failed answer is a 409 that carries the session's current state. */
export function isStale(r) {
  return r.status === 409 && r.body && typeof r.body.session_id === 'string'
      && typeof r.body.version === 'number';
}

/**
 * Ends a session the editor no longer uses (POST /fbtools/session/close), so it stops holding
 * memory on the server. A 404 (already gone) is fine; nothing waits for the answer.
 */
export function closeSession(sessionId) {
  if (typeof sessionId === 'string' && sessionId) {
    post('/fbtools/session/close', {session_id: sessionId});
  }
}
