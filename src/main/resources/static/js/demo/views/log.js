// The `log` view: the run's events as sentences from the manifest's wording (the kind's term and
// its fields filled in), newest at the bottom and kept in view, plus one line for the end and one
// for an error. What a program writes outside the protocol (stderr, stray stdout) is not the log:
// it goes to a collapsed "diagnostics" part below it, counted in its summary.
(() => {
  'use strict';

  const V = window.DemoViews;
  const MAX_LOG = 400;
  const MAX_DIAGNOSTICS = 200;
  const DIAGNOSTIC = new Set(['stderr', 'stdout']);

  function create(section, ctx) {
    const list = section.querySelector('.view-log-list');
    const diagnostics = section.querySelector('.view-diagnostics');
    const diagnosticsList = section.querySelector('.view-diagnostics-list');
    const diagnosticsCount = section.querySelector('.view-diagnostics-count');
    let diagnosticLines = 0;

    function add(target, max, t, kind, text, extra) {
      const item = V.make('li', 'log-' + V.safe(kind || 'event') + (extra ? ' ' + extra : ''));
      item.dataset.kind = kind || '';
      item.append(V.make('span', 'log-t', ((t || 0) / 1000).toFixed(2) + 's'), ' ',
        V.make('span', 'log-kind', ctx.wording.term(kind)), ' ', V.make('span', 'log-msg', text));
      target.append(item);
      while (target.children.length > max) {
        target.firstElementChild.remove();
      }
      target.scrollTop = target.scrollHeight;
    }

    function onEvent(event) {
      const kind = String(event.kind || 'event');
      if (DIAGNOSTIC.has(kind)) {
        diagnosticLines++;
        diagnostics.hidden = false;
        diagnosticsCount.textContent = V.formatNumber(diagnosticLines);
        add(diagnosticsList, MAX_DIAGNOSTICS, event.t, kind, String(event.msg == null ? '' : event.msg));
        return;
      }
      const cls = kind === 'truncated' ? 'log-truncated' : kind === 'warning' ? 'log-warning' : '';
      add(list, MAX_LOG, event.t, kind, ctx.wording.sentence(kind, event.fields, event.msg), cls);
    }

    function onDone(done) {
      add(list, MAX_LOG, done.t, 'done', ctx.msg('done', 'done'), 'log-done');
    }

    function onError(error) {
      add(list, MAX_LOG, error.t, 'error', ctx.wording.sentence(error.kind || 'error', error.fields, error.msg), 'log-error');
    }

    return {
      on: (type, data) => {
        if (type === 'event') {
          onEvent(data);
        } else if (type === 'done') {
          onDone(data);
        } else if (type === 'error') {
          onError(data);
        }
      },
    };
  }

  V.register('log', { takes: ['event', 'done', 'error'], create: create });
})();
