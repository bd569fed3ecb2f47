// Switchboard's only script: loaded by every page (the CSP allows no inline script).
(function () {
  'use strict';

  // Customer link tokens travel in portal addresses; they must never reach a report.
  function masked(text) {
    return String(text == null ? '' : text).replace(/cl_[A-Za-z0-9_-]+/g, 'cl_…');
  }

  // Browser errors go to /api/client-logs, at most ten per page and each message once.
  var reported = {};
  var reports = 0;
  function report(level, message, stack) {
    var key = level + message;
    if (reports >= 10 || reported[key]) { return; }
    reported[key] = true;
    reports++;
    try {
      fetch('/api/client-logs', {
        method: 'POST', credentials: 'same-origin', keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          level: level,
          message: masked(message).slice(0, 2000) || '(no message)',
          page: masked(location.pathname + location.search).slice(0, 500),
          stack: stack ? masked(stack).slice(0, 8000) : null
        })
      }).catch(function () { /* nothing more can be done from here */ });
    } catch (e) { /* reporting must never throw */ }
  }
  window.addEventListener('error', function (e) {
    report('ERROR', e.message || 'script error', e.error && e.error.stack ? e.error.stack : (e.filename || '') + ':' + (e.lineno || ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    var reason = e.reason || {};
    report('ERROR', 'Unhandled promise rejection: ' + (reason.message || reason), reason.stack);
  });

  // The server writes times and reads "today" in the viewer's zone, which it learns from this cookie.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (e) { /* the server keeps UTC */ }

  var formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var at = new Date(el.getAttribute('datetime'));
      if (!isNaN(at.getTime())) {
        el.textContent = formatter.format(at);
        el.title = at.toISOString();
      }
    });
  }

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  function flash(message) {
    var area = document.getElementById('flash');
    if (!area) { return; }
    area.textContent = '';
    var p = document.createElement('p');
    p.className = 'flash flash-error';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    area.appendChild(p);
  }

  function clearFlashSoon() {
    var area = document.getElementById('flash');
    if (area && area.firstChild) {
      var shown = area.firstChild;
      setTimeout(function () { if (area.firstChild === shown) { area.textContent = ''; } }, 8000);
    }
  }

  // The reply form says what it is about to do: a reply reaches the customer, a note never does.
  function composers(root) {
    root.querySelectorAll('form[data-composer]').forEach(function (form) {
      function update() {
        var note = form.querySelector('input[name=visibility][value=INTERNAL]:checked') !== null;
        form.classList.toggle('is-note', note);
        var button = form.querySelector('button[type=submit]');
        if (button) { button.textContent = note ? 'Add note' : 'Send reply'; }
        var hint = form.querySelector('[data-composer-hint]');
        if (hint) { hint.textContent = note ? 'Only staff see notes.' : 'The customer gets this by email and on their link.'; }
      }
      form.addEventListener('change', update);
      update();
    });
  }

  // Fields checked as you type, with the same rule the server applies. The server's own message for
  // the field stands until the person edits it; then the live one takes over.
  function liveChecks(root) {
    root.querySelectorAll('input[data-check]').forEach(function (input) {
      var rule = new RegExp('^(?:' + input.getAttribute('data-check') + ')$');
      var message = input.getAttribute('data-check-message');
      var out = document.getElementById(input.id + '-live');
      var fromServer = document.getElementById(input.id + '-error');
      input.addEventListener('input', function () {
        var bad = input.value !== '' && !rule.test(input.value);
        input.setCustomValidity(bad ? message : '');
        input.setAttribute('aria-invalid', bad ? 'true' : 'false');
        if (out) { out.textContent = bad ? message : ''; }
        if (fromServer) { fromServer.hidden = true; }
      });
    });
  }

  function copyButtons(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var source = document.getElementById(button.getAttribute('data-copy'));
        if (!source) { return; }
        var done = function () { button.textContent = 'Copied'; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(source.value).then(done, function () { source.select(); });
        } else {
          source.select();
          try { if (document.execCommand('copy')) { done(); } } catch (e) { /* the text stays selected */ }
        }
      });
    });
  }

  function enhance(root) {
    localTimes(root);
    composers(root);
    liveChecks(root);
    copyButtons(root);
    var focus = root.querySelector && root.querySelector('[data-focus-on-load]');
    if (focus && root !== document.body) { focus.focus(); }
  }

  // Deferred after htmx: registered before htmx's own start-up, which then runs enhance on the body.
  if (window.htmx) {
    htmx.onLoad(enhance);
    document.addEventListener('htmx:configRequest', function (e) {
      var token = meta('_csrf');
      var header = meta('_csrf_header');
      if (token && header) { e.detail.headers[header] = token; }
    });
    document.addEventListener('htmx:afterSwap', function (e) {
      if (e.detail.target && e.detail.target.id === 'flash') { clearFlashSoon(); }
    });
    document.addEventListener('htmx:responseError', function (e) {
      flash('Something went wrong on our side (' + e.detail.xhr.status + '). Try again in a moment.');
      report('WARN', 'Request failed with ' + e.detail.xhr.status + ': ' + e.detail.requestConfig.verb + ' '
        + e.detail.requestConfig.path, null);
    });
    document.addEventListener('htmx:sendError', function () {
      flash('Switchboard could not be reached. Check your connection and try again.');
    });
  } else {
    document.addEventListener('DOMContentLoaded', function () { enhance(document.body); });
  }
})();
