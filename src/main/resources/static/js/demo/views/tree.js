// The `tree` view: the live tree of contexts and workers drawn from a run's `node` events, with each
// node's state (icon + text + colour), Err and Cause, its deadline counting down, the values found
// via WithValue, the AfterFunc callbacks that fired for it, and a cancel button while it runs (sent
// back to the panel as a demo:command event). Also the list of `contrast` events (where Java's tools
// behave like Go's context and where not). Labels and sentences come from the manifest's wording.
(() => {
  'use strict';

  const ICONS = { running: '▶', done: '✓', canceled: '✕', deadline: '◷', failed: '✕' };
  const VERDICT_ICONS = { same: '=', partly: '≈', differs: '≠' };
  let words = window.DemoViews.wording(null);

  function decode(encoded) {
    const out = {};
    String(encoded || '').split(';').filter(Boolean).forEach((pair) => {
      const at = pair.indexOf('=');
      out[pair.slice(0, at)] = pair.slice(at + 1);
    });
    return out;
  }

  function treeState(el) {
    if (!el.demoTree) {
      el.demoTree = { nodes: new Map(), ended: false };
    }
    return el.demoTree;
  }

  const make = window.DemoViews.make;
  const safe = window.DemoViews.safe;

  // ---------------------------------------------------------------- nodes
  function createEntry(el, root, node) {
    const labels = decode(root.dataset.labels);
    const entry = make('li', 'tree-node');
    entry.dataset.node = node.id;
    const line = make('div', 'tree-line');
    const name = make('span', 'tree-name');
    name.append(make('span', 'tree-label'), ' ', make('span', 'tree-id', node.id));
    const badge = make('span', 'tree-state');
    const deadline = make('span', 'tree-deadline');
    deadline.hidden = true;
    const cancel = make('button', 'tree-cancel', labels.cancel || 'cancel');
    cancel.type = 'button';
    cancel.hidden = true;
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      cancel.textContent = labels.canceling || '…';
      entry.dispatchEvent(new CustomEvent('demo:command', { bubbles: true, detail: { cmd: 'cancel', node: node.id } }));
    });
    line.append(name, badge, deadline, cancel);
    const detail = make('dl', 'tree-detail');
    const progress = make('progress', 'tree-progress');
    progress.hidden = true;
    entry.append(line, progress, detail, make('ul', 'tree-afterfuncs'), make('ul', 'tree-children'));
    entry.treeParts = { label: name.firstChild, badge, deadline, cancel, detail, progress };
    return entry;
  }

  function place(el, root, tree, entry, parentId) {
    const parent = parentId ? tree.nodes.get(parentId) : null;
    const container = parent ? parent.querySelector(':scope > .tree-children') : root;
    if (entry.parentElement !== container) {
      container.append(entry);
    }
  }

  function detailRow(dl, term, value, cls) {
    if (value == null || value === '') {
      return;
    }
    const dt = make('dt', null, term);
    const dd = make('dd', cls || null, String(value));
    dl.append(dt, dd);
  }

  function onNode(el, node) {
    const root = el.querySelector('.demo-tree-root');
    if (!root || !node || !node.id) {
      return;
    }
    const tree = treeState(el);
    const labels = decode(root.dataset.labels);
    let entry = tree.nodes.get(node.id);
    if (!entry) {
      entry = createEntry(el, root, node);
      tree.nodes.set(node.id, entry);
      place(el, root, tree, entry, node.parent);
      // children that arrived before this node move under it
      tree.nodes.forEach((other) => {
        if (other.dataset.parent === node.id) {
          place(el, root, tree, other, node.id);
        }
      });
    }
    entry.dataset.parent = node.parent || '';
    const state = safe(node.state) || 'running';
    entry.dataset.state = state;
    const parts = entry.treeParts;
    parts.label.textContent = node.label ? words.term(node.label) : node.id;
    parts.badge.className = 'tree-state state-' + state;
    parts.badge.textContent = (ICONS[state] || '•') + ' ' + (labels[state] || words.term(state));

    const fields = node.fields || {};
    const running = state === 'running' && !tree.ended;
    if (typeof fields.deadlineLeftMs === 'number' && (running || state === 'deadline')) {
      entry.deadlineAt = running ? performance.now() + fields.deadlineLeftMs : null;
      entry.deadlineLeft = state === 'deadline' ? 0 : fields.deadlineLeftMs;
      parts.deadline.hidden = false;
      renderDeadline(root, entry);
    } else {
      entry.deadlineAt = null;
      parts.deadline.hidden = true;
    }
    if (running) {
      parts.cancel.hidden = false;
    } else {
      parts.cancel.hidden = true;
      parts.cancel.disabled = true;
    }
    if (typeof fields.workMs === 'number' && fields.workMs > 0) {
      parts.progress.max = fields.workMs;
      parts.progress.value = Math.min(fields.workMs, Number(fields.progressMs || 0));
      parts.progress.hidden = false;
      parts.progress.title = (fields.progressMs || 0) + ' / ' + fields.workMs + ' ms';
    }

    const dl = parts.detail;
    dl.replaceChildren();
    detailRow(dl, 'Err', node.err, 'tree-err');
    detailRow(dl, 'Cause', node.cause, 'tree-cause');
    const values = fields.values && typeof fields.values === 'object' ? fields.values : {};
    const pairs = Object.keys(values).map((k) => k + '=' + values[k]).join(', ');
    detailRow(dl, labels.values || 'Value', pairs, 'tree-values');
    detailRow(dl, 'ctx', fields.ctx, 'tree-ctx');
    detailRow(dl, labels.result || 'result', fields.result, 'tree-result');
  }

  function renderDeadline(root, entry) {
    const labels = decode(root.dataset.labels);
    const left = entry.deadlineAt != null ? Math.max(0, Math.round(entry.deadlineAt - performance.now()))
      : entry.deadlineLeft;
    const span = entry.treeParts.deadline;
    span.textContent = '◷ ' + (left / 1000).toFixed(1) + ' s ' + (labels.left || '');
    span.classList.toggle('tree-deadline-near', left < 1000);
  }

  setInterval(() => {
    document.querySelectorAll('.view-tree').forEach((el) => {
      const tree = el.demoTree;
      const root = el.querySelector('.demo-tree-root');
      if (!tree || !root || tree.ended) {
        return;
      }
      tree.nodes.forEach((entry) => {
        if (entry.deadlineAt != null) {
          renderDeadline(root, entry);
        }
      });
    });
  }, 100);

  // ---------------------------------------------------------------- AfterFunc callbacks
  function onAfterFunc(el, event) {
    const fields = event.fields || {};
    const entry = fields.node ? treeState(el).nodes.get(String(fields.node)) : null;
    if (!entry) {
      return;
    }
    const item = make('li', 'tree-afterfunc');
    item.append(make('span', 'tree-afterfunc-tag', 'AfterFunc'), ' ', make('span', null, words.sentence('afterfunc', fields, event.msg)));
    const meta = [];
    if (fields.thread) {
      meta.push('thread ' + fields.thread);
    }
    if (fields.err) {
      meta.push('Err ' + fields.err);
    }
    if (fields.cause) {
      meta.push('Cause ' + fields.cause);
    }
    if (meta.length) {
      item.append(' ', make('span', 'tree-afterfunc-meta', '(' + meta.join(', ') + ')'));
    }
    entry.querySelector(':scope > .tree-afterfuncs').append(item);
  }

  // ---------------------------------------------------------------- contrast (java mode)
  function onContrast(el, event) {
    const box = el.querySelector('.demo-contrast');
    if (!box) {
      return;
    }
    const labels = decode(box.dataset.labels);
    const verdict = safe((event.fields || {}).verdict) || 'partly';
    const item = make('li', 'contrast-item verdict-' + verdict);
    item.append(make('span', 'contrast-verdict', (VERDICT_ICONS[verdict] || '') + ' ' + (labels[verdict] || verdict)),
      ' ', make('span', 'contrast-msg', words.sentence('contrast', event.fields, event.msg)));
    box.querySelector('.demo-contrast-list').append(item);
    box.hidden = false;
  }

  // ---------------------------------------------------------------- the view
  function create(section, ctx) {
    const el = section;
    words = ctx.wording;
    return {
      on: (type, data) => {
        if (type === 'node') {
          onNode(el, data);
        } else if (data && data.kind === 'afterfunc') {
          onAfterFunc(el, data);
        } else if (data && data.kind === 'contrast') {
          onContrast(el, data);
        }
      },
      end: () => {
        const tree = treeState(el);
        tree.ended = true;
        tree.nodes.forEach((entry) => {
          entry.deadlineAt = null;
          entry.treeParts.cancel.hidden = true;
          entry.treeParts.cancel.disabled = true;
        });
      },
    };
  }

  window.DemoViews.register('tree', { takes: ['node', 'event'], create: create });
})();
