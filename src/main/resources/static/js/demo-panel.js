// Demo panels: parameter presets, live charts (uPlot), the event log, the node tree, commands,
// the elapsed-time ticker and source highlighting. Everything starts on htmx:load, which htmx fires
// for the page and for every fragment it swaps in, so a panel that arrives by htmx works the same.
// The SSE connection is opened by htmx's sse extension (sse-connect); this script listens on the
// EventSource it reports in htmx:sseOpen. No inline script or style: the page's CSP forbids both.
(() => {
  'use strict';

  const MAX_LOG = 400;
  const attachedSources = new WeakSet();

  function runState(el) {
    if (!el.demoState) {
      el.demoState = { lastSeq: 0, runId: el.dataset.run || '', charts: new Map(), ended: false };
    }
    return el.demoState;
  }

  // ---------------------------------------------------------------- set-up of a panel
  function initPanel(panel) {
    if (panel.dataset.demoReady) {
      return;
    }
    panel.dataset.demoReady = 'true';
    panel.querySelectorAll('.demo-preset').forEach((button) => {
      button.addEventListener('click', () => applyPreset(panel, button.dataset.values || ''));
    });
  }

  function applyPreset(panel, encoded) {
    const form = panel.querySelector('form.demo-form');
    encoded.split(';').filter(Boolean).forEach((pair) => {
      const at = pair.indexOf('=');
      const field = form.elements.namedItem(pair.slice(0, at));
      if (field) {
        field.value = pair.slice(at + 1);
      }
    });
  }

  function init(root) {
    const scope = root instanceof Element ? root : document;
    if (scope.matches && scope.matches('.demo-inner')) {
      initPanel(scope);
    }
    scope.querySelectorAll('.demo-inner').forEach(initPanel);
    // Not only in panels: the source arrives on its own when the reader opens it, and has a page of its own.
    scope.querySelectorAll('pre.demo-code > code.language-java').forEach(highlight);
  }

  // ---------------------------------------------------------------- the stream
  // SSE ids are "<runId>:<seq>": the position of the event in its run.
  function seqOf(event, state) {
    const id = event.lastEventId || '';
    const seq = Number(id.slice(id.lastIndexOf(':') + 1) || 0);
    if (seq && seq <= state.lastSeq) {
      return -1; // already shown (a reconnect that replayed from the start)
    }
    if (seq) {
      state.lastSeq = seq;
    }
    return seq;
  }

  function attach(el, source) {
    if (attachedSources.has(source)) {
      return;
    }
    attachedSources.add(source);
    const state = runState(el);
    const onJson = (handler) => (event) => {
      if (seqOf(event, state) < 0) {
        return;
      }
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handler(el, state, data);
    };
    source.addEventListener('run', (event) => onRun(el, state, JSON.parse(event.data)));
    source.addEventListener('metric', onJson(onMetric));
    source.addEventListener('event', onJson(onLogEvent));
    source.addEventListener('program-error', onJson((e, s, d) => addLog(e, d.t, 'error', d.msg)));
    source.addEventListener('done', onJson(onDone));
    source.addEventListener('node', onJson(onNode));
    source.addEventListener('status', (event) => seqOf(event, state));
    source.addEventListener('end', () => {
      state.ended = true;
      el.dataset.ended = 'true';
      connectionLost(el, false);
      emit(el, 'demo:end', {});
    });
  }

  function onRun(el, state, run) {
    if (state.runId && state.runId !== run.id) {
      // a new shared run: start the charts and log afresh
      resetRun(el, state);
    }
    state.runId = run.id;
    el.dataset.run = run.id;
    const link = el.querySelector('.demo-share-link');
    if (link) {
      link.href = run.url;
      link.textContent = new URL(run.url, window.location.href).href;
    }
    const cancel = el.querySelector('form.demo-cancel');
    if (cancel) {
      cancel.action = '/runs/' + run.id + '/cancel';
    }
  }

  function resetRun(el, state) {
    state.lastSeq = 0;
    if (window.DemoCharts) {
      window.DemoCharts.reset(state);
    }
    el.querySelectorAll('.demo-chart').forEach((fig) => delete fig.dataset.points);
    el.querySelectorAll('.demo-log-list').forEach((list) => list.replaceChildren());
    emit(el, 'demo:reset', {});
  }

  function connectionLost(el, lost) {
    const notice = el.querySelector('.demo-connection');
    if (notice) {
      notice.hidden = !lost;
    }
  }

  // ---------------------------------------------------------------- charts (demo-charts.js)
  function onMetric(el, state, metric) {
    if (window.DemoCharts) {
      window.DemoCharts.onMetric(el, state, metric);
    }
  }

  // ---------------------------------------------------------------- event log
  function addLog(el, t, kind, msg, extraClass) {
    const list = el.querySelector('.demo-log-list');
    if (!list) {
      return;
    }
    const item = document.createElement('li');
    item.className = 'log-' + String(kind || 'event').replace(/[^a-z0-9-]/gi, '') + (extraClass ? ' ' + extraClass : '');
    const time = document.createElement('span');
    time.className = 'log-t';
    time.textContent = ((t || 0) / 1000).toFixed(2) + 's';
    const kindSpan = document.createElement('span');
    kindSpan.className = 'log-kind';
    kindSpan.textContent = kind || '';
    const text = document.createElement('span');
    text.className = 'log-msg';
    text.textContent = msg == null ? '' : String(msg);
    item.append(time, ' ', kindSpan, ' ', text);
    list.append(item);
    while (list.children.length > MAX_LOG) {
      list.firstElementChild.remove();
    }
    list.scrollTop = list.scrollHeight;
  }

  // A collection, in the order one reads it: collector · cause · action · pause · heap before → after.
  function gcText(fields) {
    const mb = (v) => (typeof v === 'number' ? v.toFixed(1) : '?');
    const time = fields.phase === 'concurrent' ? 'concurrent ' + fields.durationMs + ' ms' : 'pause ' + fields.pauseMs + ' ms';
    return [fields.collector, fields.cause, fields.action, time].filter((x) => x != null && x !== '').join(' · ')
      + ' · ' + mb(fields.beforeMb) + ' → ' + mb(fields.afterMb) + ' MB';
  }

  function onLogEvent(el, state, event) {
    if (window.DemoCharts) {
      window.DemoCharts.onEvent(el, state, event);
    }
    const fields = event.fields || {};
    if (event.kind === 'gc' && fields.collector) {
      addLog(el, event.t, 'gc', gcText(fields), fields.phase === 'concurrent' ? 'log-gc-concurrent' : '');
      return;
    }
    let msg = event.msg == null ? '' : String(event.msg);
    const extra = Object.keys(fields).filter((k) => fields[k] !== null && typeof fields[k] !== 'object')
      .map((k) => k + '=' + fields[k]).join(' ');
    if (extra && event.kind !== 'truncated') {
      msg += ' (' + extra + ')';
    }
    addLog(el, event.t, event.kind, msg, event.kind === 'truncated' ? 'log-truncated' : '');
    emit(el, 'demo:event', event);
  }

  function onDone(el, state, done) {
    // the summary as a table (demo-charts.js); the log gets one line
    const text = window.DemoCharts ? window.DemoCharts.summary(el, done.summary)
      : (done.summary == null ? '' : JSON.stringify(done.summary));
    addLog(el, done.t, 'done', text, 'log-done');
  }

  // ---------------------------------------------------------------- hand-offs to demo-tree.js
  // Tree nodes, log events and the run's end are re-dispatched as DOM events on the .demo-run
  // element, so the tree (and the contrast list) live in their own file: demo-tree.js.
  function emit(el, name, detail) {
    el.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: detail }));
  }

  function onNode(el, state, node) {
    emit(el, 'demo:node', node);
  }

  // ---------------------------------------------------------------- commands and cancel
  function sendCommand(el, command) {
    const state = runState(el);
    if (!state.runId) {
      return;
    }
    fetch('/api/runs/' + state.runId + '/commands', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(command),
    }).catch(() => {});
  }

  // demo-tree.js asks for a command (a node's cancel button) with a demo:command event
  document.addEventListener('demo:command', (event) => {
    const el = event.target instanceof Element ? event.target.closest('.demo-run') : null;
    if (el) {
      sendCommand(el, event.detail);
    }
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('.demo-run .demo-command');
    if (button) {
      sendCommand(button.closest('.demo-run'), { cmd: button.dataset.cmd });
    }
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form.matches || !form.matches('.demo-run form.demo-cancel')) {
      return;
    }
    const el = form.closest('.demo-run');
    const state = runState(el);
    event.preventDefault();
    if (state.runId) {
      fetch('/api/runs/' + state.runId + '/cancel', { method: 'POST' }).catch(() => {});
    }
  });

  // ---------------------------------------------------------------- elapsed time
  setInterval(() => {
    document.querySelectorAll('.demo-status[data-state="running"] .demo-elapsed').forEach((span) => {
      const started = Number(span.parentElement.dataset.started || 0);
      if (started) {
        const seconds = Math.max(0, Math.round((Date.now() - started) / 1000));
        span.textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
      }
    });
  }, 1000);

  // ---------------------------------------------------------------- source highlighting
  const KEYWORDS = new Set(('abstract assert boolean break byte case catch char class const continue default do double '
    + 'else enum extends final finally float for goto if implements import instanceof int interface long native new '
    + 'package private protected public record return short static strictfp super switch synchronized this throw '
    + 'throws transient try var void volatile while yield sealed permits true false null').split(' '));
  const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|\b([A-Za-z_]\w*)\b|(\b\d[\d_]*(?:\.\d+)?[lLfFdD]?\b)/g;

  function highlight(code) {
    if (code.dataset.highlighted) {
      return;
    }
    code.dataset.highlighted = 'true';
    const text = code.textContent;
    const out = document.createDocumentFragment();
    let last = 0;
    const add = (cls, s) => {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = s;
      out.append(span);
    };
    for (const match of text.matchAll(TOKEN)) {
      if (match[3] && !KEYWORDS.has(match[3])) {
        continue;
      }
      out.append(text.slice(last, match.index));
      if (match[1]) {
        add('tok-comment', match[0]);
      } else if (match[2]) {
        add('tok-string', match[0]);
      } else if (match[3]) {
        add('tok-keyword', match[0]);
      } else {
        add('tok-number', match[0]);
      }
      last = match.index + match[0].length;
    }
    out.append(text.slice(last));
    code.replaceChildren(out);
  }

  // ---------------------------------------------------------------- wiring
  document.addEventListener('htmx:sseOpen', (event) => {
    const el = event.target;
    if (el instanceof Element && el.classList.contains('demo-run')) {
      attach(el, event.detail.source);
      connectionLost(el, false);
    }
  });
  document.addEventListener('htmx:sseError', (event) => {
    const el = event.target;
    if (el instanceof Element && el.classList.contains('demo-run') && !runState(el).ended) {
      connectionLost(el, true);
    }
  });

  function start() {
    if (window.htmx) {
      window.htmx.onLoad(init);
    } else {
      init(document);
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
