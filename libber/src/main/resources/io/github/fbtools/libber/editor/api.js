// The one way the editor talks to the server: same-origin fetch, JSON in and out.
// Every request carries Content-Type: application/json (the server answers 415 to a POST
// without it). Errors are never thrown: every call resolves to {ok, status, body}, where body
// is the server's JSON answer or, for a network failure or a non-JSON answer, an object in the
// API's error shape {success: false, error: "..."}.

const JSON_HEADERS = Object.freeze({
  'Content-Type': 'application/json',
  'Accept': 'application/json',
});

async function call(method, path, body) {
  const init = {
    method,
    headers: JSON_HEADERS,
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
