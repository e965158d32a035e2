// Saga inspection pages: the saga list, a saga's detail (timeline, deadlines, associations, operator
// actions) and the consistency reports, plus the small helpers they share with the page that hosts
// them (the hub's dashboard, the standalone console). Knows no application's domain: everything
// shown comes from the JSON API under /v1/dashboard (SagaInspectionController).
//
// The host page loads this file, calls SagaInspection.configure({...}) once and, on every hash
// change, SagaInspection.route(hash) (true when the hash was one of these pages). The contract is
// in saga-inspection/inspection-web/README.md.
'use strict';

window.SagaInspection = (() => {
  // What the host provides; every hook has a harmless default.
  const host = {
    main: () => document.getElementById('main'),  // the element a page renders into
    headers: () => ({}),                           // extra request headers: the credential, a CSRF token
    unauthorized: () => {},                        // a 401 answer (path): sign out, lead to the sign-in
    status: () => {},                              // a short status line (text): "updated 10:00:02"
    timelineHref: () => null,                      // a saga summary -> a link to the host's timeline of its key, or null
    apiBase: '',                                   // prefix of the API paths
  };
  let timer = null;        // the current page's polling timer
  let generation = 0;      // bumps on navigation, so late answers of an old page are dropped

  // ---- helpers, shared with the host page

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }
  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? esc(iso) : d.toISOString().replace('T', ' ').replace('Z', '');
  }
  function age(iso) {
    if (!iso) return '';
    const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    return s < 60 ? Math.round(s) + ' s' : s < 3600 ? Math.round(s / 60) + ' min' : s < 86400 ? (s / 3600).toFixed(1) + ' h' : (s / 86400).toFixed(1) + ' d';
  }
  function until(iso) {
    if (!iso) return '';
    const s = (new Date(iso).getTime() - Date.now()) / 1000;
    return s < 0 ? 'overdue' : 'in ' + (s < 60 ? Math.round(s) + ' s' : s < 3600 ? Math.round(s / 60) + ' min' : (s / 3600).toFixed(1) + ' h');
  }
  function badge(text, cls) { return `<span class="badge ${esc(cls || text)}">${esc(text)}</span>`; }
  function json(value) { return `<pre>${esc(JSON.stringify(value, null, 2))}</pre>`; }
  function simple(name) { return String(name || '').split(/[.$]/).pop(); }
  function enc(value) { return encodeURIComponent(value ?? ''); }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  // Fetches JSON from the API with the host's headers; a problem answer becomes an ApiError.
  async function api(path, options = {}) {
    const headers = Object.assign({'Accept': 'application/json'}, host.headers(options.method || 'GET', path) || {},
      options.headers || {});
    let body = options.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    }
    const response = await fetch(host.apiBase + path, Object.assign({credentials: 'same-origin'}, options, {headers, body}));
    const text = await response.text();
    let answer = null;
    try { answer = text ? JSON.parse(text) : null; } catch (e) { answer = {detail: text}; }
    if (response.status === 401) host.unauthorized(path);
    if (!response.ok) throw new ApiError(response.status, answer || {});
    return answer;
  }

  function problemHtml(e) {
    if (e.status === 503) {
      return `<div class="notice problem">No application answers: ${esc(e.message)}</div>`;
    }
    const field = e.problem && e.problem.field ? ` <span class="muted">(field <code>${esc(e.problem.field)}</code>)</span>` : '';
    return `<div class="result bad problem">${esc(e.status ? e.status + ': ' : '')}${esc(e.message)}${field}</div>`;
  }

  // Drops the current page's polling and late answers; the host calls it (through route) on navigation.
  function leave() {
    generation++;
    if (timer) clearInterval(timer);
    timer = null;
  }

  // Runs render now and every everyMs while the page is shown; render gets a function that says whether it is still current.
  function live(render, everyMs = 2000) {
    const mine = generation;
    const current = () => mine === generation;
    const tick = async () => {
      try {
        await render(current);
        if (current()) host.status('updated ' + new Date().toLocaleTimeString());
      } catch (e) {
        if (current()) host.status('update failed: ' + e.message);
      }
    };
    tick();
    if (everyMs) timer = setInterval(tick, everyMs);
    return current;
  }

  // The confirmation dialog of operator actions; created on first use, so a host page needs none.
  function dialog() {
    let d = document.getElementById('confirm');
    if (d) return d;
    d = document.createElement('dialog');
    d.id = 'confirm';
    d.innerHTML = `<form method="dialog">
      <h3 id="confirm-title">Are you sure?</h3>
      <p id="confirm-text"></p>
      <p class="muted">Recorded under your name.</p>
      <label id="confirm-reason-label">Reason <input id="confirm-reason" name="reason" maxlength="500"></label>
      <menu><button value="cancel" formnovalidate>Cancel</button><button id="confirm-ok" value="ok" class="danger">Confirm</button></menu>
    </form>`;
    document.body.appendChild(d);
    return d;
  }

  // Asks before an action; resolves to {reason} (reason only when asked for) or null when cancelled.
  function confirmAction(title, text, needsReason) {
    const d = dialog();
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-reason-label').hidden = !needsReason;
    const reason = document.getElementById('confirm-reason');
    reason.required = needsReason;
    reason.value = '';
    d.returnValue = '';
    return new Promise(resolve => {
      d.onclose = () => resolve(d.returnValue === 'ok' ? (needsReason ? {reason: reason.value} : {}) : null);
      d.showModal();
    });
  }

  // ---- pages

  const STATES = ['ACTIVE', 'STUCK', 'COMPLETED', 'COMPENSATED', 'ENDED_BY_OPERATOR'];
  const ACTIONS = {
    RETRY: ['retry', 'Retry current step', '', 'Retry the current step?', 'The saga sends its current step\'s commands again now.', false],
    COMPENSATE: ['compensate', 'Trigger compensation', 'danger', 'Trigger compensation?', 'The saga undoes what was done and ends as compensated.', true],
    END: ['end', 'End saga', 'danger', 'End the saga?', 'The saga ends without further steps; what it did stays as it is.', true],
  };

  function sagaHref(s) { return `#/saga/${enc(s.sagaType)}/${enc(s.sagaId)}`; }

  function typeOption(t, selected) {
    const counts = `${t.active} active, ${t.stuck} stuck`;
    return `<option value="${esc(t.sagaType)}" ${t.sagaType === selected ? 'selected' : ''}>${esc(t.sagaType)} (${esc(t.application)}: ${counts})</option>`;
  }

  function sagaRow(s) {
    return `<tr class="saga" data-type="${esc(s.sagaType)}" data-key="${esc(s.key)}" data-saga="${esc(s.sagaId)}">
      <td>${esc(s.sagaType)}</td><td><a href="${sagaHref(s)}">${esc(s.key || s.sagaId)}</a></td><td>${badge(s.state)}</td>
      <td>${esc(s.currentStep)}</td><td>${esc(s.application)}</td><td>${age(s.startedAt)}</td><td>${time(s.lastActivityAt)}</td>
      <td>${(s.pendingDeadlines || []).map(d => `${esc(d.deadlineName)} <span class="muted">${time(d.dueAt)}</span>`).join('<br>')}</td></tr>`;
  }

  function typesTable(types, selected) {
    return `<table id="saga-types"><thead><tr><th>Saga type</th><th>Application</th><th class="num">Active</th><th class="num">Stuck</th><th class="num">Finished</th><th>Actions</th></tr></thead><tbody>
      ${types.map(t => `<tr class="saga-type ${t.sagaType === selected ? 'selected' : ''}" data-type="${esc(t.sagaType)}">
        <td><a href="#/sagas?type=${enc(t.sagaType)}" title="${esc(t.description)}">${esc(t.sagaType)}</a></td><td>${esc(t.application)}</td>
        <td class="num">${t.active}</td><td class="num">${t.stuck ? badge(t.stuck, 'STUCK') : 0}</td><td class="num">${t.finished}</td>
        <td>${(t.actions || []).map(a => esc(a.toLowerCase())).join(', ')}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">No application reports saga types.</td></tr>'}</tbody></table>`;
  }

  function sagas(main, params) {
    const type = params.get('type') || '';
    const state = params.get('state') || '';
    const key = params.get('key') || '';
    const ageSeconds = params.get('age') || '';
    main.innerHTML = `<h1>Sagas</h1>
      <form class="filters" id="saga-filters">
        <label>Saga type<select name="type" id="saga-type-select"><option value="">all types</option>${type ? `<option value="${esc(type)}" selected>${esc(type)}</option>` : ''}</select></label>
        <label>State<select name="state">${['', ...STATES].map(s => `<option ${s === state ? 'selected' : ''} value="${s}">${s || 'all'}</option>`).join('')}</select></label>
        <label>Key<input name="key" value="${esc(key)}" placeholder="the id a saga was started for"></label>
        <label>Started before (age)<select name="age">${[['', 'any'], ['60', '1 min'], ['600', '10 min'], ['3600', '1 h'], ['86400', '1 day']].map(([v, t]) => `<option value="${v}" ${ageSeconds === v ? 'selected' : ''}>${t}</option>`).join('')}</select></label>
        <button class="primary">Filter</button>
      </form><div id="sagas"></div><h2>Saga types</h2><div id="types"></div>`;
    const form = main.querySelector('#saga-filters');
    form.onsubmit = ev => {
      ev.preventDefault();
      const q = new URLSearchParams([...new FormData(form)].filter(([, v]) => v.trim() !== ''));
      location.hash = '#/sagas?' + q;
    };
    let typesFilled = false;
    live(async current => {
      const q = new URLSearchParams({limit: '200'});
      if (type) q.set('type', type);
      if (state) q.set('state', state);
      if (key) q.set('key', key);
      if (ageSeconds) q.set('olderThan', new Date(Date.now() - Number(ageSeconds) * 1000).toISOString());
      else if (params.get('olderThan')) q.set('olderThan', params.get('olderThan'));
      const [types, list] = await Promise.allSettled([api('/v1/dashboard/saga-types'), api('/v1/dashboard/sagas?' + q)]);
      if (!current()) return;
      if (types.status === 'fulfilled') {
        main.querySelector('#types').innerHTML = typesTable(types.value.types, type);
        if (!typesFilled) {
          // Filled once: rebuilding a select under the operator's hand would close it.
          typesFilled = true;
          const select = main.querySelector('#saga-type-select');
          select.innerHTML = '<option value="">all types</option>' + types.value.types.map(t => typeOption(t, type)).join('')
            + (type && !types.value.types.some(t => t.sagaType === type) ? `<option value="${esc(type)}" selected>${esc(type)} (not reported)</option>` : '');
        }
      } else {
        main.querySelector('#types').innerHTML = problemHtml(types.reason);
      }
      if (list.status === 'fulfilled') {
        main.querySelector('#sagas').innerHTML = `<table id="saga-table"><thead><tr><th>Type</th><th>Key</th><th>State</th><th>Current step</th><th>Application</th><th>Age</th><th>Last activity</th><th>Pending deadlines</th></tr></thead>
          <tbody>${list.value.sagas.map(sagaRow).join('') || '<tr><td colspan="8" class="muted">No saga matches.</td></tr>'}</tbody></table>`;
      } else {
        main.querySelector('#sagas').innerHTML = problemHtml(list.reason);
      }
    });
  }

  function saga(main, params) {
    const type = params.get('type') || '';
    const id = params.get('id') || '';
    main.innerHTML = `<h1>Saga <code>${esc(type)}</code> <code class="muted">${esc(id)}</code></h1>
      <p id="saga-links"></p>
      <div class="actions" id="saga-actions">${Object.values(ACTIONS).map(([act, label, cls]) =>
        `<button data-act="${act}" class="${cls}">${esc(label)}</button>`).join('')}</div>
      <div id="action-result"></div><div id="saga"></div>`;
    // Only the actions the saga's type accepts (all three until its type answered).
    api('/v1/dashboard/saga-types').then(answer => {
      const t = answer.types.find(x => x.sagaType === type);
      if (!t) return;
      main.querySelectorAll('#saga-actions button[data-act]').forEach(b =>
        b.hidden = !t.actions.includes(b.dataset.act.toUpperCase()));
    }).catch(() => {});
    main.querySelector('#saga-actions').onclick = async ev => {
      const act = ev.target.closest('button')?.dataset.act;
      if (!act) return;
      const [, , , title, text, needsReason] = ACTIONS[act.toUpperCase()];
      const answer = await confirmAction(title, text, needsReason);
      if (!answer) return;
      const out = main.querySelector('#action-result');
      out.innerHTML = `<div class="result">${esc(act)}: sending…</div>`;
      try {
        await api(`/v1/dashboard/sagas/${enc(type)}/${enc(id)}/${act}`, {method: 'POST', body: answer});
        out.innerHTML = `<div class="result ok">${esc(act)}: done</div>`;
      } catch (e) { out.innerHTML = problemHtml(e); }
    };
    live(async current => {
      let d;
      try {
        d = await api(`/v1/dashboard/sagas/${enc(type)}/${enc(id)}`);
      } catch (e) {
        if (current()) main.querySelector('#saga').innerHTML = problemHtml(e);
        return;
      }
      if (!current()) return;
      const s = d.summary;
      const timeline = host.timelineHref(s);
      main.querySelector('#saga-links').innerHTML = `<a href="#/sagas?key=${enc(s.key)}">Every saga of key <code>${esc(s.key)}</code></a>`
        + (timeline ? ` · <a href="${esc(timeline)}" id="key-timeline-link">Timeline of <code>${esc(s.key)}</code> across all services →</a>` : '');
      main.querySelector('#saga').innerHTML = `<div class="split">
        <div class="card"><h2>Summary</h2><table>
          <tr><th>State</th><td id="saga-state">${badge(s.state)}</td></tr><tr><th>Current step</th><td id="saga-step">${esc(s.currentStep)}</td></tr>
          <tr><th>Type</th><td>${esc(s.sagaType)}</td></tr><tr><th>Application</th><td>${esc(s.application)}</td></tr>
          <tr><th>Key</th><td><code id="saga-key">${esc(s.key)}</code></td></tr><tr><th>Saga id</th><td><code>${esc(s.sagaId)}</code></td></tr>
          <tr><th>Started</th><td>${time(s.startedAt)} <span class="muted">(${age(s.startedAt)} ago)</span></td></tr>
          <tr><th>Last activity</th><td>${time(s.lastActivityAt)}</td></tr><tr><th>Due</th><td>${time(s.dueAt)}</td></tr></table></div>
        <div class="card"><h2>Associations</h2><table id="saga-associations">${(s.associations || []).map(a => `<tr><th>${esc(a.key)}</th><td><code>${esc(a.value)}</code></td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</table>
          <h2>Pending deadlines</h2><table id="saga-deadlines">${(s.pendingDeadlines || []).map(p => `<tr><th>${esc(p.deadlineName)}</th><td>${time(p.dueAt)} <span class="muted">(${until(p.dueAt)})</span></td><td class="muted"><code>${esc(p.deadlineId)}</code></td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</table></div></div>
        <div class="card"><h2>Timeline</h2><table id="saga-timeline"><thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Service</th><th>Detail</th></tr></thead><tbody>
        ${d.timeline.map(t => `<tr class="entry"><td>${time(t.at)}</td><td class="kind-${esc(t.kind)}">${esc(t.kind)}</td><td class="message">${esc(t.messageName)}</td><td>${esc(t.service)}</td><td>${esc(t.detail)}</td></tr>`).join('')
          || '<tr><td colspan="5" class="muted">Nothing recorded.</td></tr>'}
        </tbody></table></div>`;
    });
  }

  function subjects(v) {
    return Object.entries(v.subjects || {}).sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, value]) => `<span class="subject">${esc(k)} <a href="#/sagas?key=${enc(value)}" class="subject-link">${esc(value)}</a></span>`).join('<br>');
  }

  function consistency(main) {
    main.innerHTML = `<h1>Consistency</h1><p><button id="rerun" class="primary">Check again</button></p><div id="consistency"></div>`;
    const box = main.querySelector('#consistency');
    const run = async () => {
      const mine = generation;
      box.innerHTML = '<p class="muted">Asking the applications for their consistency reports…</p>';
      try {
        const r = await api('/v1/dashboard/consistency');
        if (mine !== generation) return;
        const violations = r.reports.flatMap(report => report.violations.map(v => Object.assign({application: report.application}, v)));
        box.innerHTML = r.reports.length === 0 ? '<p class="notice">No application checks invariants.</p>' : `<div class="cards">
          <div class="card"><div class="muted">Violations</div><div class="metric" id="violation-count">${r.violations}</div><div class="muted">${r.clean ? 'all rules hold' : 'rules broken'}</div></div>
          ${r.reports.map(report => `<div class="card report" data-application="${esc(report.application)}"><div class="muted">${esc(report.application)}, checked ${time(report.checkedAt)}</div>
            <div>${Object.entries(report.checked).sort().map(([k, n]) => `${esc(k)} <b>${n}</b>`).join(' · ')}</div></div>`).join('')}
          </div>
          <h2>Violations</h2><table id="violations"><thead><tr><th>Application</th><th>Rule</th><th>Description</th><th>Subjects (their sagas)</th></tr></thead><tbody>
          ${violations.map(v => `<tr class="violation"><td>${esc(v.application)}</td><td>${badge(v.rule, 'FAILED')}</td><td>${esc(v.description)}</td><td>${subjects(v)}</td></tr>`).join('')
            || '<tr><td colspan="4">No violations: every rule holds.</td></tr>'}
          </tbody></table>
          <h2>By rule</h2><table id="rules"><thead><tr><th>Application</th><th>Rule</th><th class="num">Violations</th></tr></thead><tbody>
          ${r.reports.flatMap(report => Object.entries(report.rules).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .map(([k, n]) => `<tr><td>${esc(report.application)}</td><td>${esc(k)}</td><td class="num">${n ? badge(n, 'FAILED') : badge('0', 'SUCCEEDED')}</td></tr>`)).join('')}
          </tbody></table>`;
        host.status('checked ' + new Date().toLocaleTimeString());
      } catch (e) {
        if (mine === generation) box.innerHTML = problemHtml(e);
      }
    };
    main.querySelector('#rerun').onclick = run;
    run();
  }

  const pages = {sagas, saga, consistency, audit: consistency};

  // Shows the page of a hash (without '#/'), e.g. 'sagas?state=STUCK', 'saga/<type>/<id>', 'consistency'.
  // Returns false, rendering nothing, for a hash that is not one of these pages.
  function route(hash) {
    const [path, queryString] = String(hash || '').replace(/^#?\/?/, '').split('?');
    const parts = path.split('/');
    const name = parts[0];
    if (!Object.prototype.hasOwnProperty.call(pages, name)) return false;
    const params = new URLSearchParams(queryString || '');
    if (name === 'saga') {
      params.set('type', decodeURIComponent(parts[1] || ''));
      params.set('id', decodeURIComponent(parts.slice(2).join('/')));
    }
    leave();
    pages[name](host.main(), params);
    return true;
  }

  function configure(hooks) {
    Object.assign(host, hooks || {});
  }

  return {configure, route, leave, live, api, ApiError, problemHtml, confirmAction,
    esc, time, age, until, badge, json, simple, pages: Object.keys(pages)};
})();
