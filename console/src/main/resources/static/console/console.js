// The standalone console's page: the sign-in, the header, and the saga inspection pages of
// /inspection/inspection.js (saga-inspection-web), configured with this console's credential.
//
// The sign-in token (a shop JWT) lives in this tab's sessionStorage only and travels in the
// Authorization header, never in a cookie: a request another site makes carries none. Every
// state-changing request also carries X-Requested-With: sagashop-console, which the console
// requires (a page of another origin cannot send it without a CORS preflight the console refuses).
'use strict';

(() => {
  const TOKEN_KEY = 'sagashop-console-token';
  const WHO_KEY = 'sagashop-console-who';
  const CSRF = {'X-Requested-With': 'sagashop-console'};
  const SAFE = ['GET', 'HEAD', 'OPTIONS'];
  const I = window.SagaInspection;
  const main = document.getElementById('main');

  function headers(method) {
    const h = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) h.Authorization = 'Bearer ' + token;
    if (!SAFE.includes(String(method || 'GET').toUpperCase())) Object.assign(h, CSRF);
    return h;
  }

  function who() {
    try { return JSON.parse(sessionStorage.getItem(WHO_KEY)); } catch (e) { return null; }
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(WHO_KEY);
  }

  I.configure({
    main: () => main,
    headers,
    unauthorized: path => {
      if (path === '/v1/auth/login') return;
      signOut();
      location.hash = '#/login';
    },
    status: text => { document.getElementById('status').textContent = text; },
    // The console sees sagas only; a key's story across services is the hub's (or a trace viewer's).
    timelineHref: () => null,
  });

  function login() {
    I.leave();
    main.innerHTML = `<div class="card login"><h1>Sign in</h1>
      <p class="muted">With your shop account; administrators may act on sagas.</p>
      <form id="login-form"><label>E-mail<br><input id="email" type="email" autocomplete="username" class="wide" required></label>
      <label>Password<br><input id="password" type="password" autocomplete="current-password" class="wide" required></label>
      <p><button class="primary" id="login-button">Sign in</button></p></form><div id="login-result"></div></div>`;
    document.getElementById('login-form').onsubmit = async ev => {
      ev.preventDefault();
      try {
        const signedIn = await I.api('/v1/auth/login', {method: 'POST', body: {
          email: document.getElementById('email').value, password: document.getElementById('password').value}});
        sessionStorage.setItem(TOKEN_KEY, signedIn.token);
        sessionStorage.setItem(WHO_KEY, JSON.stringify({name: signedIn.name, role: signedIn.role}));
        location.hash = '#/sagas';
      } catch (e) {
        document.getElementById('login-result').innerHTML = I.problemHtml(e);
      }
    };
  }

  function show() {
    const hash = location.hash || '#/sagas';
    const signedIn = !!sessionStorage.getItem(TOKEN_KEY);
    const me = who();
    document.getElementById('who').textContent = signedIn && me ? `${me.name} (${me.role})` : '';
    document.getElementById('logout').hidden = !signedIn;
    document.getElementById('nav').hidden = !signedIn;
    document.body.classList.toggle('viewer', !!me && me.role !== 'operator');
    if (hash.startsWith('#/login') || !signedIn) {
      signOut();
      document.getElementById('who').textContent = '';
      document.getElementById('logout').hidden = true;
      document.getElementById('nav').hidden = true;
      if (!hash.startsWith('#/login')) {
        location.hash = '#/login';
        return;
      }
      login();
      return;
    }
    const page = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
    document.querySelectorAll('#nav a').forEach(a =>
      a.classList.toggle('active', a.getAttribute('href') === hash || (a.getAttribute('href') === '#/' + page && !hash.includes('state='))));
    if (!I.route(hash)) location.hash = '#/sagas';
  }

  document.getElementById('logout').onclick = () => signOut();
  window.addEventListener('hashchange', show);
  show();
})();
