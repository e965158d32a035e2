// The hub dashboard: a thin client of the JSON API under /v1/ (docs/dashboard.md).
// Hash routes keep it one static page; each view renders from fetched JSON and, where the data
// moves (overview, processors, sagas, timeline), polls again every 2 seconds.
'use strict';

// The sign-in token (a shop JWT or a hub token) lives in this tab's sessionStorage only and travels
// as an Authorization header, never as a cookie: another site cannot make the browser send it.
const TOKEN_KEY = 'sagashop-hub-token';
const WHO_KEY = 'sagashop-hub-who';
const main = document.getElementById('main');
let timer = null;        // the current view's polling timer
let generation = 0;      // bumps on navigation, so late answers of an old view are dropped

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
function idOf(orderId) { return orderId && typeof orderId === 'object' ? orderId.value : orderId; }
function badge(text, cls) { return `<span class="badge ${esc(cls || text)}">${esc(text)}</span>`; }
function json(value) { return `<pre>${esc(JSON.stringify(value, null, 2))}</pre>`; }
function simple(name) { return String(name || '').split(/[.$]/).pop(); }

class ApiError extends Error {
  constructor(status, problem) { super(problem.detail || problem.title || ('HTTP ' + status)); this.status = status; this.problem = problem; }
}

async function api(path, options = {}) {
  const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers['Authorization'] = 'Bearer ' + token;
  if (options.body && typeof options.body !== 'string') {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, Object.assign({}, options, {headers}));
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status === 401 && path !== '/v1/auth/login') {
    signOut();
    location.hash = '#/login';
    throw new ApiError(401, body || {});
  }
  if (!response.ok) throw new ApiError(response.status, body || {});
  return body;
}

function problemHtml(e) {
  if (e.status === 503) {
    return `<div class="notice">The order service is not connected. ${esc(e.message)}</div>`;
  }
  return `<div class="result bad">${esc(e.status ? e.status + ': ' : '')}${esc(e.message)}</div>`;
}

function setStatus(text) { document.getElementById('status').textContent = text; }

// Runs render now and every 2 s while the view is shown; render gets a function that says whether it is still current.
function live(render, everyMs = 2000) {
  const mine = generation;
  const current = () => mine === generation;
  const tick = async () => {
    try {
      await render(current);
      if (current()) setStatus('updated ' + new Date().toLocaleTimeString());
    } catch (e) {
      if (current()) setStatus('update failed: ' + e.message);
    }
  };
  tick();
  if (everyMs) timer = setInterval(tick, everyMs);
}

// ---- views

const views = {};

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(WHO_KEY);
}

function who() {
  try { return JSON.parse(sessionStorage.getItem(WHO_KEY)); } catch (e) { return null; }
}

// Keeps the credential if the hub accepts it, and remembers who it names; throws otherwise.
async function adopt(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  try {
    const me = await api('/v1/auth/me');
    sessionStorage.setItem(WHO_KEY, JSON.stringify(me));
  } catch (e) {
    signOut();
    throw e;
  }
}

views.login = () => {
  main.innerHTML = `<div class="card login"><h1>Sign in</h1>
    <p class="muted">With your shop admin account, or with a hub token (<code>./shop</code> keeps the admin token in <code>run/hub-tokens.properties</code>).</p>
    <form id="login-form"><label>E-mail<br><input id="email" type="email" autocomplete="username" class="wide"></label>
    <label>Password<br><input id="password" type="password" autocomplete="current-password" class="wide"></label>
    <p><button class="primary" id="login-button">Sign in</button></p></form>
    <form id="token-form"><label>Or a hub token<br><input id="token" type="password" autocomplete="off" class="wide"></label>
    <p><button id="token-button">Sign in with the token</button></p></form><div id="login-result"></div></div>`;
  signOut();
  const failed = e => {
    signOut();
    document.getElementById('login-result').innerHTML = problemHtml(e);
  };
  document.getElementById('login-form').onsubmit = async ev => {
    ev.preventDefault();
    try {
      const signedIn = await api('/v1/auth/login', {method: 'POST', body: {
        email: document.getElementById('email').value, password: document.getElementById('password').value}});
      await adopt(signedIn.token);
      location.hash = '#/overview';
    } catch (e) { failed(e); }
  };
  document.getElementById('token-form').onsubmit = async ev => {
    ev.preventDefault();
    try {
      await adopt(document.getElementById('token').value);
      location.hash = '#/overview';
    } catch (e) { failed(e); }
  };
};

views.overview = () => {
  main.innerHTML = `<h1>Overview</h1><div id="overview"></div>`;
  live(async current => {
    const o = await api('/v1/dashboard/overview');
    if (!current()) return;
    const instances = o.applications.reduce((n, a) => n + a.instances.length, 0);
    document.getElementById('overview').innerHTML = `
      <div class="cards">
        <div class="card"><div class="muted">Applications</div><div class="metric" id="app-count">${o.applications.length}</div><div class="muted">${instances} instances</div></div>
        <div class="card"><div class="muted">Commands / s</div><div class="metric">${o.rates.commandsPerSecond}</div><div class="muted">${o.commands} since start</div></div>
        <div class="card"><div class="muted">Queries / s</div><div class="metric">${o.rates.queriesPerSecond}</div><div class="muted">${o.queries} since start</div></div>
        <div class="card"><div class="muted">Events / s</div><div class="metric">${o.rates.eventsPerSecond}</div><div class="muted">${o.head + 1} stored</div></div>
      </div>
      ${o.applications.length === 0 ? '<p class="muted">No application is connected.</p>' : ''}
      <p class="muted" id="server-identity">${esc(o.server.name)} ${esc(o.server.version)} · answers clients as Axon Server ${esc(o.server.axonServerVersion)}</p>
      ${o.applications.map(a => `<div class="card application" data-name="${esc(a.name)}"><h2>${esc(a.name)} <span class="muted">(${a.instances.length} instance${a.instances.length === 1 ? '' : 's'}, context ${esc(a.context)})</span></h2>
        <table><thead><tr><th>Client id</th><th>Host</th><th>Version</th><th>Connected since</th><th>Commands</th><th>Queries</th><th>Processors</th></tr></thead><tbody>
        ${a.instances.map(i => `<tr><td><code>${esc(i.clientId)}</code></td><td>${esc(i.host)}</td><td>${esc(i.version)}</td>
          <td>${time(i.connectedSince)} <span class="muted">(${age(i.connectedSince)})</span></td>
          <td>${i.commands.map(c => `<div title="${esc(c)}">${esc(simple(c))}</div>`).join('')}</td>
          <td>${i.queries.map(q => `<div title="${esc(q)}">${esc(simple(q))}</div>`).join('')}</td>
          <td>${i.processors.map(esc).join('<br>')}</td></tr>`).join('')}
        </tbody></table></div>`).join('')}`;
  });
};

function latencyCells(l) {
  return `<td class="num">${l.p50}</td><td class="num">${l.p90}</td><td class="num">${l.p99}</td><td class="num">${l.max}</td>`;
}

views.messages = () => {
  main.innerHTML = `<h1>Commands &amp; Queries</h1><div id="messages"></div>`;
  live(async current => {
    const [commands, queries] = await Promise.all([api('/v1/dashboard/commands'), api('/v1/dashboard/queries')]);
    if (!current()) return;
    document.getElementById('messages').innerHTML = `
      <h2>Commands</h2><table id="commands"><thead><tr><th>Command</th><th>Handlers</th><th class="num">Count</th><th class="num">Errors</th>
        <th class="num">p50 ms</th><th class="num">p90 ms</th><th class="num">p99 ms</th><th class="num">max ms</th></tr></thead><tbody>
      ${commands.map(c => `<tr data-name="${esc(c.name)}"><td title="${esc(c.name)}">${esc(simple(c.name))}</td>
        <td>${c.handlers.map(h => `<code>${esc(h.clientId)}</code> <span class="muted">${esc(h.componentName)}</span>`).join('<br>') || '<span class="muted">none</span>'}</td>
        <td class="num count">${c.dispatched}</td><td class="num">${c.errors}</td>${latencyCells(c.latency)}</tr>`).join('')}
      </tbody></table>
      <h2>Queries</h2><table id="queries"><thead><tr><th>Query</th><th>Handlers</th><th class="num">Count</th><th class="num">Errors</th><th class="num">Subscriptions (open)</th>
        <th class="num">p50 ms</th><th class="num">p90 ms</th><th class="num">p99 ms</th><th class="num">max ms</th></tr></thead><tbody>
      ${queries.map(q => `<tr><td title="${esc(q.name)}">${esc(simple(q.name))}</td>
        <td>${q.handlers.map(h => `<code>${esc(h.clientId)}</code> <span class="muted">${esc(h.componentName)}</span>`).join('<br>') || '<span class="muted">none</span>'}</td>
        <td class="num">${q.queries}</td><td class="num">${q.errors}</td><td class="num">${q.subscriptions} (${q.activeSubscriptions})</td>${latencyCells(q.latency)}</tr>`).join('')}
      </tbody></table>`;
  });
};

views.processors = () => {
  main.innerHTML = `<h1>Event processors</h1><div id="action-result"></div><div id="processors"></div>`;
  live(async current => {
    const components = await api('/v1/dashboard/processors');
    if (!current()) return;
    document.getElementById('processors').innerHTML = components.length === 0 ? '<p class="muted">No application is connected.</p>' :
      components.map(c => `<div class="card"><h2>${esc(c.component)} <span class="muted">head token ${c.head}</span></h2>
      ${c.processors.length === 0 ? '<p class="muted">No event processors reported.</p>' : c.processors.map(p => `
        <div class="processor" data-name="${esc(p.name)}"><h3>${esc(p.name)} ${badge(p.mode, 'mode')} ${p.running ? badge('running') : badge('paused', 'error')} ${p.error ? badge('error') : ''}</h3>
        <div class="actions">
          ${['pause', 'start'].map(a => `<button data-action="${a}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}">${a}</button>`).join('')}
          ${p.streaming ? ['split', 'merge'].map(a => `<button data-action="${a}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}">${a} segment</button>`).join('') : ''}
        </div>
        ${p.streaming ? `<table><thead><tr><th>Segment</th><th>Claimed by</th><th class="num">Token</th><th class="num">Lag</th><th>Caught up</th><th>Replaying</th><th>Error</th><th></th></tr></thead><tbody>
          ${p.segments.map(s => `<tr><td>${s.segmentId} <span class="muted">(1/${s.onePartOf})</span></td><td><code>${esc(s.claimedBy)}</code></td>
            <td class="num">${s.tokenPosition}</td><td class="num lag">${s.lag ?? ''}</td><td>${s.caughtUp ? 'yes' : 'no'}</td><td>${s.replaying ? 'yes' : ''}</td><td>${esc(s.errorState)}</td>
            <td>${p.instances.filter(i => i.clientId !== s.claimedBy).slice(0, 1).map(i => `<button data-action="release" data-target="${esc(i.clientId)}" data-segment="${s.segmentId}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}" title="release it where it is claimed so that ${esc(i.clientId)} can claim it">release to ${esc(i.clientId)}</button>`).join('')}</td></tr>`).join('')}
          </tbody></table>` : ''}
        <p class="muted">Instances: ${p.instances.map(i => `<code>${esc(i.clientId)}</code> ${i.running ? 'running' : 'paused'}${i.error ? ' (error)' : ''}, ${i.activeThreads}/${i.activeThreads + i.availableThreads} threads`).join('; ')}</p></div>`).join('')}
      </div>`).join('');
  });
  main.onclick = async ev => {
    const b = ev.target.closest('button[data-action]');
    if (!b) return;
    const {action, component, processor, store, segment, target} = b.dataset;
    const base = `/v1/components/${encodeURIComponent(component)}/processors/${encodeURIComponent(processor)}`;
    const query = `?context=default&tokenStoreIdentifier=${encodeURIComponent(store)}`;
    const path = action === 'pause' || action === 'start' ? `${base}/${action}${query}`
      : action === 'release' ? `${base}/segments/${segment}/move${query}&target=${encodeURIComponent(target)}`
      : `${base}/segments/${action}${query}`;
    const out = document.getElementById('action-result');
    out.innerHTML = `<div class="result">${esc(action)} ${esc(processor)}: waiting for the clients…</div>`;
    b.disabled = true;
    try {
      const outcomes = await api(path, {method: 'PATCH'});
      out.innerHTML = `<div class="result ok" id="processor-result">${esc(action)} ${esc(processor)}: ${outcomes.map(o => esc(o.clientId) + ' ' + badge(o.status)).join(', ')}</div>`;
    } catch (e) {
      out.innerHTML = problemHtml(e);
    } finally {
      b.disabled = false;
    }
  };
};

views.events = params => {
  const p = Object.fromEntries(params);
  main.innerHTML = `<h1>Events</h1>
    <form class="filters" id="event-filters">
      <label>Aggregate id<input name="aggregateId" value="${esc(p.aggregateId)}"></label>
      <label>Aggregate type<input name="aggregateType" value="${esc(p.aggregateType)}"></label>
      <label>Payload type<input name="payloadType" value="${esc(p.payloadType)}" placeholder="StockReserved"></label>
      <label>Correlation id<input name="correlationId" value="${esc(p.correlationId)}"></label>
      <label>From (UTC)<input name="from" value="${esc(p.from)}" placeholder="2026-11-26T10:00:00Z"></label>
      <label>To (UTC)<input name="to" value="${esc(p.to)}"></label>
      <button class="primary">Search</button>
      <label class="inline"><input type="checkbox" id="tail"> live tail</label>
    </form><div id="events-info" class="muted"></div><div id="events"></div><p><button id="older" hidden>Older…</button></p>`;
  const form = document.getElementById('event-filters');
  form.onsubmit = ev => {
    ev.preventDefault();
    const q = new URLSearchParams([...new FormData(form)].filter(([, v]) => v.trim() !== ''));
    location.hash = '#/events?' + q;
  };
  const query = new URLSearchParams([...params].filter(([, v]) => v.trim() !== ''));
  let newest = -1;
  let nextBefore = -1;
  const row = e => `<tr><td class="num">${e.token}</td><td>${time(e.timestamp)}</td><td title="${esc(e.payloadType)}">${esc(simple(e.payloadType))}</td>
    <td>${e.aggregateId ? `<a href="#/events?aggregateId=${encodeURIComponent(e.aggregateId)}">${esc(e.aggregateId)}</a> <span class="muted">${esc(e.aggregateType)} #${e.sequenceNumber}</span>` : ''}</td>
    <td>${e.correlationId ? `<a href="#/timeline?correlationId=${encodeURIComponent(e.correlationId)}">${esc(e.correlationId.slice(0, 8))}…</a>` : ''}</td>
    <td><details><summary>payload &amp; metadata</summary>${json(e.payload)}${json(e.metadata)}</details></td></tr>`;
  const table = rows => `<table id="event-table"><thead><tr><th class="num">Token</th><th>Time</th><th>Payload type</th><th>Aggregate</th><th>Correlation</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  const load = async before => {
    const q = new URLSearchParams(query);
    if (before >= 0) q.set('before', before);
    const page = await api('/v1/dashboard/events?' + q);
    if (before < 0) {
      newest = page.events.length ? page.events[0].token : page.head;
      document.getElementById('events').innerHTML = table(page.events.map(row).join(''));
    } else {
      document.querySelector('#event-table tbody').insertAdjacentHTML('beforeend', page.events.map(row).join(''));
    }
    nextBefore = page.nextBefore;
    document.getElementById('older').hidden = nextBefore < 0;
    document.getElementById('events-info').textContent = `head token ${page.head}; ${page.scanned} events read` + (page.scanLimitHit ? ' (scan limit reached: press Older for more)' : '');
  };
  document.getElementById('older').onclick = () => load(nextBefore).catch(e => setStatus(e.message));
  load(-1).catch(e => { document.getElementById('events').innerHTML = problemHtml(e); });
  const mine = generation;
  timer = setInterval(async () => {
    if (mine !== generation || !document.getElementById('tail')?.checked) return;
    const q = new URLSearchParams(query);
    q.set('after', newest);
    try {
      const page = await api('/v1/dashboard/events?' + q);
      if (page.events.length && mine === generation) {
        newest = page.events[0].token;
        document.querySelector('#event-table tbody').insertAdjacentHTML('afterbegin', page.events.map(row).join(''));
      }
      setStatus('tail at ' + new Date().toLocaleTimeString());
    } catch (e) { setStatus('tail failed: ' + e.message); }
  }, 1500);
};

function sagaRow(s) {
  const id = idOf(s.orderId);
  return `<tr class="saga" data-order="${esc(id)}"><td><a href="#/saga/${encodeURIComponent(id)}">${esc(id)}</a></td><td>${badge(s.state)}</td><td>${esc(s.currentStep)}</td>
    <td>${age(s.startedAt)}</td><td>${time(s.lastActivityAt)}</td>
    <td>${(s.pendingDeadlines || []).map(d => `${esc(d.deadlineName)} <span class="muted">${time(d.dueAt)}</span>`).join('<br>')}</td></tr>`;
}

views.sagas = params => {
  const state = params.get('state') || '';
  const olderThan = params.get('olderThan') || '';
  main.innerHTML = `<h1>Sagas</h1>
    <form class="filters" id="saga-filters">
      <label>State<select name="state">${['', 'ACTIVE', 'STUCK', 'COMPLETED', 'COMPENSATED', 'ENDED_BY_OPERATOR'].map(s => `<option ${s === state ? 'selected' : ''} value="${s}">${s || 'all'}</option>`).join('')}</select></label>
      <label>Started before (age)<select name="age">${[['', 'any'], ['60', '1 min'], ['600', '10 min'], ['3600', '1 h'], ['86400', '1 day']].map(([v, t]) => `<option value="${v}" ${params.get('age') === v ? 'selected' : ''}>${t}</option>`).join('')}</select></label>
      <button class="primary">Filter</button>
    </form><div id="sagas"></div>`;
  const form = document.getElementById('saga-filters');
  form.onsubmit = ev => {
    ev.preventDefault();
    const q = new URLSearchParams([...new FormData(form)].filter(([, v]) => v !== ''));
    location.hash = '#/sagas?' + q;
  };
  live(async current => {
    const q = new URLSearchParams({limit: '200'});
    if (state) q.set('state', state);
    if (params.get('age')) q.set('olderThan', new Date(Date.now() - Number(params.get('age')) * 1000).toISOString());
    else if (olderThan) q.set('olderThan', olderThan);
    try {
      const list = await api('/v1/dashboard/sagas?' + q);
      if (!current()) return;
      document.getElementById('sagas').innerHTML = `<table id="saga-table"><thead><tr><th>Order</th><th>State</th><th>Current step</th><th>Age</th><th>Last activity</th><th>Pending deadlines</th></tr></thead>
        <tbody>${list.sagas.map(sagaRow).join('') || '<tr><td colspan="6" class="muted">No saga matches.</td></tr>'}</tbody></table>`;
    } catch (e) {
      if (current()) document.getElementById('sagas').innerHTML = problemHtml(e);
    }
  });
};

function confirmAction(title, text, needsReason) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-reason-label').hidden = !needsReason;
  const reason = document.getElementById('confirm-reason');
  reason.required = needsReason;
  reason.value = '';
  return new Promise(resolve => {
    dialog.onclose = () => resolve(dialog.returnValue === 'ok'
      ? {reason: reason.value} : null);
    dialog.showModal();
  });
}

views.saga = params => {
  const orderId = params.get('id');
  main.innerHTML = `<h1>Saga of order <code>${esc(orderId)}</code></h1>
    <p><a href="#/timeline?orderId=${encodeURIComponent(orderId)}" id="order-timeline-link">Order timeline across all services →</a></p>
    <div class="actions">
      <button data-act="retry">Retry current step</button>
      <button data-act="compensate" class="danger">Trigger compensation</button>
      <button data-act="end" class="danger">End saga</button>
    </div><div id="action-result"></div><div id="saga"></div>`;
  const texts = {
    retry: ['Retry the current step?', 'The saga sends its current step\'s commands again now.', false],
    compensate: ['Trigger compensation?', 'The saga undoes what was done and rejects the order.', true],
    end: ['End the saga?', 'The saga ends without further steps; the order keeps its status.', true],
  };
  main.querySelector('.actions').onclick = async ev => {
    const act = ev.target.closest('button')?.dataset.act;
    if (!act) return;
    const answer = await confirmAction(...texts[act]);
    if (!answer) return;
    const out = document.getElementById('action-result');
    try {
      await api(`/v1/dashboard/sagas/${encodeURIComponent(orderId)}/${act}`, {method: 'POST', body: answer});
      out.innerHTML = `<div class="result ok">${esc(act)}: done</div>`;
    } catch (e) { out.innerHTML = problemHtml(e); }
  };
  live(async current => {
    let d;
    try {
      d = await api('/v1/dashboard/sagas/' + encodeURIComponent(orderId));
    } catch (e) {
      if (current()) document.getElementById('saga').innerHTML = problemHtml(e);
      return;
    }
    if (!current()) return;
    const s = d.summary;
    document.getElementById('saga').innerHTML = `<div class="split">
      <div class="card"><h2>Summary</h2><table>
        <tr><th>State</th><td id="saga-state">${badge(s.state)}</td></tr><tr><th>Current step</th><td>${esc(s.currentStep)}</td></tr>
        <tr><th>Saga id</th><td><code>${esc(s.sagaId)}</code></td></tr><tr><th>Started</th><td>${time(s.startedAt)} <span class="muted">(${age(s.startedAt)} ago)</span></td></tr>
        <tr><th>Last activity</th><td>${time(s.lastActivityAt)}</td></tr><tr><th>Order deadline</th><td>${time(s.orderDeadline)}</td></tr></table></div>
      <div class="card"><h2>Associations</h2><table>${(s.associations || []).map(a => `<tr><th>${esc(a.key)}</th><td><code>${esc(a.value)}</code></td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</table>
        <h2>Pending deadlines</h2><table>${(s.pendingDeadlines || []).map(p => `<tr><th>${esc(p.deadlineName)}</th><td>${time(p.dueAt)}</td><td class="muted"><code>${esc(p.deadlineId)}</code></td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</table></div></div>
      <div class="card"><h2>Timeline</h2><table id="saga-timeline"><thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Service</th><th>Detail</th></tr></thead><tbody>
      ${d.timeline.map(t => `<tr class="entry"><td>${time(t.at)}</td><td class="kind-${esc(t.kind)}">${esc(t.kind)}</td><td class="message">${esc(t.messageName)}</td><td>${esc(t.service)}</td><td>${esc(t.detail)}</td></tr>`).join('')}
      </tbody></table></div>`;
  });
};

views.timeline = params => {
  const orderId = params.get('orderId') || '';
  const correlationId = params.get('correlationId') || '';
  main.innerHTML = `<h1>Order timeline</h1>
    <form class="filters" id="timeline-form"><label>Order id<input name="orderId" value="${esc(orderId)}"></label>
    <label>or correlation id<input name="correlationId" value="${esc(correlationId)}"></label><button class="primary">Show</button></form>
    <div id="timeline"></div>`;
  const form = document.getElementById('timeline-form');
  form.onsubmit = ev => {
    ev.preventDefault();
    location.hash = '#/timeline?' + new URLSearchParams([...new FormData(form)].filter(([, v]) => v.trim() !== ''));
  };
  if (!orderId && !correlationId) return;
  live(async current => {
    const q = orderId ? 'orderId=' + encodeURIComponent(orderId) : 'correlationId=' + encodeURIComponent(correlationId);
    const t = await api('/v1/dashboard/timeline?' + q);
    if (!current()) return;
    document.getElementById('timeline').innerHTML = `
      ${orderId ? `<p><a href="#/saga/${encodeURIComponent(orderId)}">Saga of this order →</a></p>` : ''}
      ${t.scanLimitHit ? '<p class="notice">The event scan reached its limit; older events may be missing.</p>' : ''}
      <table id="timeline-table"><thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Service / aggregate</th><th>Instance</th><th class="num">ms</th><th>Result / aggregate id</th><th></th></tr></thead><tbody>
      ${t.entries.map(e => `<tr class="entry"><td>${time(e.at)}</td><td class="kind-${esc(e.kind)}">${esc(e.kind)}</td><td class="message" title="${esc(e.type)}">${esc(e.name)}</td>
        <td>${esc(e.service)}</td><td><code>${esc(e.instance)}</code></td><td class="num">${e.durationMillis != null ? e.durationMillis.toFixed(2) : ''}</td>
        <td>${e.kind === 'COMMAND' ? (e.result === 'OK' ? badge('OK', 'SUCCEEDED') : badge(e.result, 'FAILED')) : esc(e.aggregateId)}</td>
        <td>${e.payload ? `<details><summary>payload</summary>${json(e.payload)}</details>` : ''}</td></tr>`).join('') || '<tr><td colspan="8" class="muted">Nothing found.</td></tr>'}
      </tbody></table>`;
  });
};

views.audit = () => {
  main.innerHTML = `<h1>Audit</h1><p><button id="rerun" class="primary">Run again</button></p><div id="audit"></div>`;
  const run = async () => {
    const box = document.getElementById('audit');
    box.innerHTML = '<p class="muted">Running the consistency audit…</p>';
    try {
      const r = await api('/v1/dashboard/audit');
      box.innerHTML = `<div class="cards">
        <div class="card"><div class="muted">Violations</div><div class="metric" id="violation-count">${r.violations.length}</div><div class="muted">checked ${time(r.checkedAt)}</div></div>
        <div class="card"><div class="muted">Orders / payments / products</div><div class="metric">${r.orders} / ${r.payments} / ${r.products}</div></div></div>
        <h2>Violations</h2><table id="violations"><thead><tr><th>Invariant</th><th>Description</th><th>Order</th><th>Payment</th><th>Product</th></tr></thead><tbody>
        ${r.violations.map(v => `<tr><td>${badge(v.invariant, 'FAILED')}</td><td>${esc(v.description)}</td>
          <td>${v.orderId ? `<a href="#/saga/${encodeURIComponent(v.orderId)}">${esc(v.orderId)}</a>` : ''}</td><td>${esc(v.paymentId)}</td><td>${esc(v.productId)}</td></tr>`).join('') || '<tr><td colspan="5">No violations: all invariants hold.</td></tr>'}
        </tbody></table>
        <h2>By invariant</h2><table>${Object.entries(r.violationsByInvariant).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${v ? badge(v, 'FAILED') : badge('0', 'SUCCEEDED')}</td></tr>`).join('')}</table>`;
    } catch (e) { box.innerHTML = problemHtml(e); }
  };
  document.getElementById('rerun').onclick = run;
  run();
};

// ---- routing

function route() {
  generation++;
  if (timer) clearInterval(timer);
  timer = null;
  main.onclick = null;
  setStatus('');
  const hash = location.hash.replace(/^#\/?/, '') || 'overview';
  const [path, queryString] = hash.split('?');
  const parts = path.split('/');
  let name = parts[0];
  const params = new URLSearchParams(queryString || '');
  if (name === 'saga') params.set('id', decodeURIComponent(parts.slice(1).join('/')));
  if (!views[name]) name = 'overview';
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active',
    a.getAttribute('href') === '#/' + name || (name === 'saga' && a.getAttribute('href') === '#/sagas')));
  if (!sessionStorage.getItem(TOKEN_KEY) && name !== 'login') {
    location.hash = '#/login';
    return;
  }
  const me = who();
  document.getElementById('logout').hidden = !me;
  document.getElementById('who').textContent = me ? `${me.name} (${me.role})` : '';
  document.body.classList.toggle('viewer', !!me && me.role !== 'operator');
  views[name](params);
}

window.addEventListener('hashchange', route);
route();
