// Demo panels: presets, guided steps, the run's stream handed to its views, the summary table,
// commands and cancel, the end of a run and the elapsed-time ticker. Everything starts on htmx:load,
// which htmx fires for the page and for every fragment it swaps in, so a panel that arrives by htmx
// works the same. htmx's sse extension opens the EventSource (sse-connect); this script listens on
// the one it reports in htmx:sseOpen. The views are plug-ins (views.js): each SSE event goes to the
// views of the run whose kind takes its type. No inline script or style: the CSP forbids both.
(() => {
  'use strict';

  const V = window.DemoViews;
  const TYPES = ['metric', 'event', 'node', 'row', 'span', 'snapshot', 'state', 'done', 'program-error'];
  const FINAL = new Set(['finished', 'failed', 'canceled', 'timed-out']);
  const attachedSources = new WeakSet();

  function runState(el) {
    if (!el.demoState) {
      el.demoState = { lastSeq: 0, runId: el.dataset.run || '', ended: false, views: null };
    }
    return el.demoState;
  }

  function panelOf(el) {
    return el.closest('.demo-inner') || el.closest('.demo-panel') || document.body;
  }

  // ---------------------------------------------------------------- the views of a run
  function views(el) {
    const state = runState(el);
    if (!state.views) {
      const panel = panelOf(el);
      const words = V.wording(panel.closest('[data-wording]') || panel);
      state.words = words;
      state.views = [];
      el.querySelectorAll('section.view[data-view-kind]').forEach((section) => {
        const spec = V.kind(section.dataset.viewKind);
        if (!spec) {
          return;
        }
        if (!section.pristine) {
          section.pristine = section.cloneNode(true); // what a new shared run starts from
        }
        const instance = spec.create(section, V.context(section, el, panel, words)) || {};
        state.views.push({ takes: new Set(spec.takes || []), instance: instance, section: section });
      });
    }
    return state.views;
  }

  // rows, spans, snapshots and states name their view; metrics, events and nodes go to every view that takes them
  function dispatch(el, type, data) {
    const target = data && typeof data.view === 'string' ? data.view : null;
    views(el).forEach((view) => {
      if (view.takes.has(type) && view.instance.on && (target == null || target === view.section.dataset.view)) {
        try {
          view.instance.on(type, data);
        } catch (e) {
          // one view's failure leaves the others drawing
          if (window.console) {
            window.console.error(e);
          }
        }
      }
    });
  }

  // ---------------------------------------------------------------- set-up of a panel
  function initPanel(panel) {
    if (panel.dataset.demoReady) {
      return;
    }
    panel.dataset.demoReady = 'true';
    panel.querySelectorAll('.demo-preset, .step-preset').forEach((button) => {
      button.addEventListener('click', () => applyPreset(panel, button.dataset.values || ''));
    });
    remembered(panel).forEach((id) => tick(panel, id, false));
    panel.querySelectorAll('.demo-run').forEach((el) => {
      const status = el.querySelector('.demo-status');
      if (status) {
        onStatus(el, status);
      }
    });
  }

  function applyPreset(panel, encoded) {
    const form = panel.querySelector('form.demo-form');
    if (!form) {
      return;
    }
    encoded.split(';').filter(Boolean).forEach((pair) => {
      const at = pair.indexOf('=');
      const field = form.elements.namedItem(pair.slice(0, at));
      if (field) {
        field.value = pair.slice(at + 1);
      }
    });
    const run = form.querySelector('.demo-run-button');
    if (run) {
      run.focus();
    }
  }

  function init(root) {
    const scope = root instanceof Element ? root : document;
    if (scope.matches && scope.matches('.demo-inner')) {
      initPanel(scope);
    }
    scope.querySelectorAll('.demo-inner').forEach(initPanel);
  }

  // ---------------------------------------------------------------- guided steps
  function storageKey(panel) {
    return 'confnotes.steps.' + (panel.dataset.demo || '');
  }

  function remembered(panel) {
    try {
      const list = JSON.parse(window.localStorage.getItem(storageKey(panel)) || '[]');
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function tick(panel, id, remember) {
    const step = Array.from(panel.querySelectorAll('li.step[data-step]')).find((li) => li.dataset.step === id);
    if (!step) {
      return;
    }
    step.classList.add('is-done');
    const mark = step.querySelector('.step-mark');
    if (mark) {
      mark.textContent = '✓';
    }
    if (remember) {
      const list = remembered(panel);
      if (!list.includes(id)) {
        list.push(id);
        try {
          window.localStorage.setItem(storageKey(panel), JSON.stringify(list));
        } catch (e) {
          // private mode: ticked for this page only
        }
      }
    }
  }

  // ---------------------------------------------------------------- status and the end of a run
  function onStatus(el, status) {
    const state = status.dataset.state || '';
    if (!FINAL.has(state)) {
      return;
    }
    el.dataset.runState = state;
    const met = (status.dataset.stepsMet || '').split(',').filter(Boolean);
    const panel = el.closest('.demo-inner');
    if (panel && state === 'finished') {
      met.forEach((id) => tick(panel, id, true));
    }
    ended(el);
  }

  function ended(el) {
    const state = runState(el);
    if (state.endedDone) {
      return;
    }
    state.endedDone = true;
    state.ended = true;
    el.dataset.ended = 'true';
    el.querySelectorAll('.demo-cancel button, .demo-command').forEach((button) => {
      button.disabled = true;
    });
    views(el).forEach((view) => {
      if (view.instance.end) {
        view.instance.end();
      }
    });
  }

  document.addEventListener('htmx:afterSwap', (event) => {
    const target = event.target;
    if (target instanceof Element && target.classList.contains('demo-status-line')) {
      const el = target.closest('.demo-run');
      const status = target.querySelector('.demo-status');
      if (el && status) {
        onStatus(el, status);
      }
    }
  });

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
    TYPES.forEach((type) => {
      source.addEventListener(type, (event) => {
        if (seqOf(event, state) < 0) {
          return;
        }
        let data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (type === 'done') {
          summary(el, data.summary);
        } else if (type === 'program-error') {
          errorBox(el, data);
        }
        dispatch(el, type === 'program-error' ? 'error' : type, data);
      });
    });
    source.addEventListener('run', (event) => onRun(el, state, JSON.parse(event.data)));
    source.addEventListener('status', (event) => seqOf(event, state));
    source.addEventListener('end', () => {
      connectionLost(el, false);
      ended(el);
    });
  }

  function onRun(el, state, run) {
    if (state.runId && state.runId !== run.id) {
      resetRun(el, state); // a new shared run: the views start afresh
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
    (state.views || []).forEach((view) => {
      if (view.instance.destroy) {
        view.instance.destroy();
      }
      const fresh = view.section.pristine.cloneNode(true);
      fresh.pristine = view.section.pristine;
      view.section.replaceWith(fresh);
    });
    state.views = null;
    state.lastSeq = 0;
    state.ended = false;
    state.endedDone = false;
    delete el.dataset.ended;
    delete el.dataset.runState;
    el.querySelectorAll('.demo-cancel button, .demo-command').forEach((button) => {
      button.disabled = false;
    });
    const box = el.querySelector('.demo-summary');
    if (box) {
      box.hidden = true;
    }
  }

  function connectionLost(el, lost) {
    const notice = el.querySelector('.demo-connection');
    if (notice) {
      notice.hidden = !lost;
    }
  }

  // ---------------------------------------------------------------- summary and errors
  function summary(el, value) {
    const box = el.querySelector('.demo-summary');
    const body = box && box.querySelector('tbody');
    if (!body || value == null) {
      return;
    }
    const words = runState(el).words || V.wording(panelOf(el));
    const entries = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).map((k) => [k, value[k]])
      : [['', value]];
    body.replaceChildren(...entries.map(([key, v]) => {
      const row = V.make('tr');
      row.dataset.key = key;
      const wording = words.summary(key) || {};
      const th = V.make('th', null, wording.label || key);
      th.scope = 'row';
      const td = V.make('td', typeof v === 'number' ? 'is-number' : null,
        typeof v === 'number' ? V.withUnit(v, wording.unit) : V.withUnit(words.shown(v), wording.unit));
      row.append(th, td);
      return row;
    }));
    box.hidden = false;
  }

  function errorBox(el, error) {
    const box = el.querySelector('.demo-error-box');
    if (!box) {
      return;
    }
    const words = runState(el).words || V.wording(panelOf(el));
    box.textContent = words.sentence(error.kind || 'error', error.fields, error.msg);
    box.hidden = false;
  }

  // ---------------------------------------------------------------- commands and cancel
  function note(button, text) {
    let span = button.nextElementSibling;
    if (!span || !span.classList.contains('demo-command-note')) {
      span = V.make('span', 'demo-command-note');
      span.setAttribute('role', 'status');
      button.after(span);
    }
    span.textContent = text;
  }

  function sendCommand(el, command, button) {
    const state = runState(el);
    if (!state.runId) {
      return;
    }
    const refused = (response) => {
      if (button && response.status === 409) {
        note(button, el.dataset.msgEnded || 'ended');
      } else if (button && !response.ok) {
        note(button, el.dataset.msgRefused || String(response.status));
      }
    };
    fetch('/api/runs/' + state.runId + '/commands', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(command),
    }).then(refused).catch(() => {});
  }

  // a view (the tree's cancel buttons) asks for a command with a demo:command event
  document.addEventListener('demo:command', (event) => {
    const el = event.target instanceof Element ? event.target.closest('.demo-run') : null;
    if (el) {
      sendCommand(el, event.detail, event.target.closest('button'));
    }
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('.demo-run .demo-command');
    if (button && !button.disabled) {
      sendCommand(button.closest('.demo-run'), { cmd: button.dataset.cmd }, button);
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
      const button = form.querySelector('button');
      fetch('/api/runs/' + state.runId + '/cancel', { method: 'POST' }).then((response) => {
        if (response.status === 409 && button) {
          note(button, el.dataset.msgEnded || 'ended');
        }
      }).catch(() => {});
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

  window.addEventListener('resize', () => {
    document.querySelectorAll('.demo-run').forEach((el) => {
      (el.demoState && el.demoState.views || []).forEach((view) => {
        if (view.instance.resize) {
          view.instance.resize();
        }
      });
    });
  });

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

  // for a page or a test that feeds a run view without a server stream
  window.DemoPanel = { dispatch: dispatch, summary: summary, ended: ended };

  window.DemoViews.onLoad(init);
})();
