// The hub dashboard: a thin client of the JSON API under /v1/ (axon-server/docs/dashboard.md).
// Hash routes keep it one static page; each view renders from fetched JSON and, where the data
// moves (overview, processors, sagas, timeline), polls again every 2 seconds.
'use strict';

// The sign-in token (a shop JWT or a hub token) lives in this tab's sessionStorage only and travels
// as an Authorization header, never as a cookie: another site cannot make the browser send it.
const TOKEN_KEY = 'sagashop-hub-token';
const WHO_KEY = 'sagashop-hub-who';
const main = document.getElementById('main');
let timer = null;        // the events page's tail timer (other pages poll through SagaInspection.live)
let generation = 0;      // bumps on navigation, so late answers of an old view are dropped

// The page renders into <main id="main">. The saga, saga detail and consistency pages, and the
// helpers every page uses (esc, api, live, ...), come from the saga inspection module
// (/inspection/inspection.js, saga-inspection/inspection-web/README.md); this file configures them
// with the hub's sign-in and adds the hub's own pages.
const {esc, time, age, badge, json, simple, api, problemHtml, live} = SagaInspection;

function setStatus(text) { document.getElementById('status').textContent = text; }

SagaInspection.configure({
  main: () => main,
  headers: () => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? {'Authorization': 'Bearer ' + token} : {};
  },
  unauthorized: path => {
    if (path === '/v1/auth/login') return;
    signOut();
    location.hash = '#/login';
  },
  status: setStatus,
  timelineHref: s => s.key ? '#/timeline?aggregateId=' + encodeURIComponent(s.key) : null,
});

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

// A subscribing processor handles events on the publishing thread and reports no running state;
// a tracking processor's threads are its pool (busy/all); a pooled one's are its claimed segments'
// work packages (its reported capacity is a bound on segments, not threads).
function instanceText(p, i) {
  if (!p.streaming) return p.status === 'subscribing' ? 'subscribing (on the publishing thread)' : esc(p.status);
  const state = (i.running ? 'running' : 'paused') + (i.error ? ' (error)' : '');
  return p.mode === 'Tracking' ? `${state}, ${i.activeThreads}/${i.threads} threads busy`
    : `${state}, ${i.threads} thread${i.threads === 1 ? '' : 's'} (one per claimed segment)`;
}

views.processors = () => {
  main.innerHTML = `<h1>Event processors</h1><div id="action-result"></div><div id="processors"></div>`;
  live(async current => {
    const components = await api('/v1/dashboard/processors');
    if (!current()) return;
    document.getElementById('processors').innerHTML = components.length === 0 ? '<p class="muted">No application is connected.</p>' :
      components.map(c => `<div class="card"><h2>${esc(c.component)} <span class="muted">head token ${c.head}</span></h2>
      ${c.processors.length === 0 ? '<p class="muted">No event processors reported.</p>' : c.processors.map(p => `
        <div class="processor" data-name="${esc(p.name)}"><h3>${esc(p.name)} ${badge(p.mode, 'mode')} ${badge(p.status, 'status ' + p.status)} ${p.error ? badge('error') : ''}</h3>
        <div class="actions">
          ${(p.streaming ? ['pause', 'start'] : []).map(a => `<button data-action="${a}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}">${a}</button>`).join('')}
          ${p.streaming ? ['split', 'merge'].map(a => `<button data-action="${a}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}">${a} segment</button>`).join('') : ''}
        </div>
        ${p.streaming ? `<table><thead><tr><th>Segment</th><th>Claimed by</th><th class="num">Token</th><th class="num">Lag</th><th>Caught up</th><th>Replaying</th><th>Error</th><th></th></tr></thead><tbody>
          ${p.segments.map(s => `<tr><td>${s.segmentId} <span class="muted">(1/${s.onePartOf})</span></td><td><code>${esc(s.claimedBy)}</code></td>
            <td class="num">${s.tokenPosition}</td><td class="num lag">${s.lag ?? ''}</td><td>${s.caughtUp ? 'yes' : 'no'}</td><td>${s.replaying ? 'yes' : ''}</td><td>${esc(s.errorState)}</td>
            <td>${p.instances.filter(i => i.clientId !== s.claimedBy).slice(0, 1).map(i => `<button data-action="release" data-target="${esc(i.clientId)}" data-segment="${s.segmentId}" data-component="${esc(c.component)}" data-processor="${esc(p.name)}" data-store="${esc(p.tokenStoreIdentifier)}" title="release it where it is claimed so that ${esc(i.clientId)} can claim it">release to ${esc(i.clientId)}</button>`).join('')}</td></tr>`).join('')}
          </tbody></table>` : ''}
        <p class="muted instances">Instances: ${p.instances.map(i => `<code>${esc(i.clientId)}</code> ${instanceText(p, i)}`).join('; ')}</p></div>`).join('')}
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
      <label>Payload type<input name="payloadType" value="${esc(p.payloadType)}" placeholder="simple or full class name"></label>
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

views.timeline = params => {
  const aggregateId = params.get('aggregateId') || '';
  const correlationId = params.get('correlationId') || '';
  main.innerHTML = `<h1>Timeline</h1>
    <form class="filters" id="timeline-form"><label>Aggregate id<input name="aggregateId" value="${esc(aggregateId)}" placeholder="the id a saga was started for"></label>
    <label>or correlation id<input name="correlationId" value="${esc(correlationId)}"></label><button class="primary">Show</button></form>
    <div id="traces"></div><div id="timeline"></div>`;
  const form = document.getElementById('timeline-form');
  form.onsubmit = ev => {
    ev.preventDefault();
    location.hash = '#/timeline?' + new URLSearchParams([...new FormData(form)].filter(([, v]) => v.trim() !== ''));
  };
  if (!aggregateId && !correlationId) return;
  live(async current => {
    const q = aggregateId ? 'aggregateId=' + encodeURIComponent(aggregateId) : 'correlationId=' + encodeURIComponent(correlationId);
    const t = await api('/v1/dashboard/timeline?' + q);
    if (!current()) return;
    // Links to the trace viewer, one per trace the events took part in; nothing without a traceparent.
    // A trace the services' sampling left out (SHOP_TRACE_SAMPLING) is named, but the viewer has nothing.
    document.getElementById('traces').innerHTML = t.traces.length === 0 ? '' : `<p class="traces">${t.traces.map((trace, i) =>
      (trace.sampled
        ? `<a class="trace-link" ${i === 0 ? 'id="trace-link"' : ''} href="${esc(trace.url)}" target="_blank" rel="noopener noreferrer" title="${esc(trace.traceId)}">Open trace</a>`
        : `<span class="trace-unsampled muted" title="the services record one trace in N (SHOP_TRACE_SAMPLING)">trace not sampled</span>`)
      + ` <code class="muted">${esc(trace.traceId.slice(0, 12))}…</code>`).join(' · ')}</p>`;
    document.getElementById('timeline').innerHTML = `
      ${aggregateId ? `<p><a href="#/sagas?key=${encodeURIComponent(aggregateId)}" id="key-sagas-link">Sagas of this id →</a></p>` : ''}
      ${t.scanLimitHit ? '<p class="notice">The event scan reached its limit; older events may be missing.</p>' : ''}
      <table id="timeline-table"><thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Service / aggregate</th><th>Instance</th><th class="num">ms</th><th>Result / aggregate id</th><th></th></tr></thead><tbody>
      ${t.entries.map(e => `<tr class="entry"><td>${time(e.at)}</td><td class="kind-${esc(e.kind)}">${esc(e.kind)}</td><td class="message" title="${esc(e.type)}">${esc(e.name)}</td>
        <td>${esc(e.service)}</td><td><code>${esc(e.instance)}</code></td><td class="num">${e.durationMillis != null ? e.durationMillis.toFixed(2) : ''}</td>
        <td>${e.kind === 'COMMAND' ? (e.result === 'OK' ? badge('OK', 'SUCCEEDED') : badge(e.result, 'FAILED')) : esc(e.aggregateId)}</td>
        <td>${e.payload ? `<details><summary>payload</summary>${json(e.payload)}</details>` : ''}</td></tr>`).join('') || '<tr><td colspan="8" class="muted">Nothing found.</td></tr>'}
      </tbody></table>`;
  });
};

// ---- routing

function route() {
  generation++;
  if (timer) clearInterval(timer);
  timer = null;
  main.onclick = null;
  setStatus('');
  const hash = location.hash.replace(/^#\/?/, '') || 'overview';
  let name = hash.split('?')[0].split('/')[0];
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const inspection = SagaInspection.pages.includes(name);
  if (!inspection && !views[name]) name = 'overview';
  const navName = name === 'saga' ? 'sagas' : name === 'audit' ? 'consistency' : name;
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#/' + navName));
  if (!sessionStorage.getItem(TOKEN_KEY) && name !== 'login') {
    location.hash = '#/login';
    return;
  }
  const me = who();
  document.getElementById('logout').hidden = !me;
  document.getElementById('who').textContent = me ? `${me.name} (${me.role})` : '';
  document.body.classList.toggle('viewer', !!me && me.role !== 'operator');
  if (inspection) {
    SagaInspection.route(hash);
    return;
  }
  SagaInspection.leave();
  views[name](params);
}

window.addEventListener('hashchange', route);
route();
