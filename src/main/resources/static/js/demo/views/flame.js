// The `flame` view: folded-stack snapshots ({"stacks": {"main;handle;scan": 120}}) drawn as a flame
// graph, root on top, each frame as wide as its share of the samples. The latest value per snapshot
// id wins; the reader picks the snapshot to show. A click zooms into a frame (its ancestors stay as
// full-width rows above; a click on one of them, or on the zoomed frame, zooms out). The search
// marks every frame whose name contains the text and says what share of the samples they hold.
// The difference view draws the shown snapshot coloured by each frame's change of share against a
// base snapshot: red where it gained, blue where it lost (the `diff` option is the default pair).
(() => {
  'use strict';

  const V = window.DemoViews;
  const MIN_SHARE = 0.002; // frames narrower than this are left out (and counted)

  function tree(stacks) {
    const root = { name: '', value: 0, children: new Map() };
    Object.keys(stacks || {}).forEach((stack) => {
      const n = Number(stacks[stack]);
      if (!(n > 0)) {
        return;
      }
      root.value += n;
      let at = root;
      stack.split(';').filter(Boolean).forEach((frame) => {
        let child = at.children.get(frame);
        if (!child) {
          child = { name: frame, value: 0, children: new Map() };
          at.children.set(frame, child);
        }
        child.value += n;
        at = child;
      });
    });
    return root;
  }

  function find(root, path) {
    let at = root;
    for (const name of path) {
      const next = at && at.children.get(name);
      if (!next) {
        return null;
      }
      at = next;
    }
    return at;
  }

  function hue(name) {
    let h = 0;
    for (let i = 0; i < name.length; i++) {
      h = (h * 31 + name.charCodeAt(i)) >>> 0;
    }
    return h;
  }

  function create(section, ctx) {
    const unit = ctx.options.unit || 'samples';
    const pair = Array.isArray(ctx.options.diff) ? ctx.options.diff.map(String) : [];
    const chart = section.querySelector('.flame-chart');
    const pick = section.querySelector('.flame-pick');
    const base = section.querySelector('.flame-base');
    const diffBox = section.querySelector('.flame-diff-toggle');
    const diffOn = diffBox.querySelector('input');
    const search = section.querySelector('.flame-search');
    const matched = section.querySelector('.flame-matched');
    const readout = section.querySelector('.view-readout');
    const reset = section.querySelector('.flame-reset');
    const empty = section.querySelector('.view-empty');
    const legend = section.querySelector('.flame-diff-legend');
    const snapshots = new Map(); // id → stacks
    let zoom = [];
    let chosen = null;

    const later = V.throttle(() => render(), 100);

    pick.addEventListener('change', () => {
      chosen = pick.value;
      zoom = [];
      render();
    });
    base.addEventListener('change', render);
    diffOn.addEventListener('change', render);
    search.addEventListener('input', render);
    reset.addEventListener('click', () => {
      zoom = [];
      render();
    });

    function fill(select, value) {
      const ids = Array.from(snapshots.keys());
      select.replaceChildren(...ids.map((id) => {
        const option = V.make('option', null, ctx.wording.term(id));
        option.value = id;
        return option;
      }));
      if (value != null && ids.includes(value)) {
        select.value = value;
      }
    }

    function shownId() {
      if (chosen && snapshots.has(chosen)) {
        return chosen;
      }
      if (pair[1] && snapshots.has(pair[1])) {
        return pair[1];
      }
      return Array.from(snapshots.keys()).pop();
    }

    function baseId(shown) {
      if (base.value && snapshots.has(base.value) && base.value !== shown) {
        return base.value;
      }
      if (pair[0] && snapshots.has(pair[0]) && pair[0] !== shown) {
        return pair[0];
      }
      return Array.from(snapshots.keys()).find((id) => id !== shown) || null;
    }

    function onSnapshot(snapshot) {
      if (!snapshot || snapshot.id == null || !snapshot.data) {
        return;
      }
      const id = String(snapshot.id);
      const isNew = !snapshots.has(id);
      snapshots.set(id, snapshot.data.stacks || {});
      if (isNew) {
        const shown = shownId();
        fill(pick, shown);
        fill(base, baseId(shown));
        diffBox.hidden = snapshots.size < 2;
      }
      later();
    }

    function render() {
      const shown = shownId();
      if (shown == null) {
        return;
      }
      if (empty) {
        empty.hidden = true;
      }
      pick.value = shown;
      const root = tree(snapshots.get(shown));
      root.name = ctx.msg('all', 'all');
      const diffing = diffOn.checked && !diffBox.hidden;
      const baseKey = diffing ? baseId(shown) : null;
      const before = baseKey ? tree(snapshots.get(baseKey)) : null;
      legend.hidden = !before;
      section.classList.toggle('is-diff', Boolean(before));
      let focus = find(root, zoom);
      if (!focus) {
        zoom = [];
        focus = root;
      }
      const total = root.value || 1;
      const query = search.value.trim().toLowerCase();
      let matchedValue = 0;
      let hidden = 0;
      const rows = [];
      const row = (depth) => {
        while (rows.length <= depth) {
          rows.push(V.make('div', 'flame-row'));
        }
        return rows[depth];
      };
      const frame = (node, path, depth, left, width, cls) => {
        const e = V.make('div', 'flame-frame' + (cls ? ' ' + cls : ''));
        e.dataset.frame = node.name;
        e.dataset.path = path.join(';');
        e.tabIndex = 0;
        e.style.left = (left * 100) + '%';
        e.style.width = (width * 100) + '%';
        const share = node.value / total;
        let text = node.name + ' · ' + V.withUnit(node.value, unit) + ' · ' + V.formatNumber(share * 100, 1) + '%';
        if (before) {
          const old = path.length ? find(before, path) : before;
          const oldShare = old && before.value ? old.value / before.value : 0;
          const delta = share - oldShare;
          e.dataset.delta = delta.toFixed(4);
          if (Math.abs(delta) >= 0.001) {
            e.classList.add(delta > 0 ? 'flame-gain' : 'flame-loss');
            e.style.setProperty('--flame-strength', String(Math.min(1, 0.25 + Math.abs(delta) * 4)));
          }
          text += ' · ' + (delta >= 0 ? '+' : '') + V.formatNumber(delta * 100, 1) + ' pt';
        } else {
          const h = hue(node.name);
          e.style.backgroundColor = 'hsl(' + (10 + h % 40) + ' ' + (70 + h % 20) + '% ' + (62 + (h >> 3) % 14) + '%)';
        }
        if (query && node.name.toLowerCase().includes(query)) {
          e.classList.add('is-match');
        }
        e.setAttribute('aria-label', text);
        e.append(V.make('span', 'flame-name', node.name));
        const hover = () => {
          readout.textContent = text;
        };
        e.addEventListener('mouseenter', hover);
        e.addEventListener('focus', hover);
        e.addEventListener('click', () => {
          zoom = cls && cls.includes('is-zoomed') ? path.slice(0, -1) : path.slice();
          render();
        });
        e.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            e.click();
          }
        });
        row(depth).append(e);
      };
      // ancestors of the zoomed frame: full width, dimmed
      let at = root;
      frame(root, [], 0, 0, 1, zoom.length ? 'is-ancestor' : (zoom.length === 0 ? '' : ''));
      zoom.forEach((name, i) => {
        at = at.children.get(name);
        frame(at, zoom.slice(0, i + 1), i + 1, 0, 1, i === zoom.length - 1 ? 'is-zoomed' : 'is-ancestor');
      });
      const depth0 = zoom.length;
      const walk = (node, path, depth, left, width, ancestorMatched) => {
        const scale = width / (node.value || 1);
        let x = left;
        Array.from(node.children.values()).sort((a, b) => a.name.localeCompare(b.name)).forEach((child) => {
          const w = child.value * scale;
          const childPath = path.concat(child.name);
          const isMatch = query && child.name.toLowerCase().includes(query);
          if (isMatch && !ancestorMatched) {
            matchedValue += child.value;
          }
          if (w >= MIN_SHARE) {
            frame(child, childPath, depth + 1, x, w);
            walk(child, childPath, depth + 1, x, w, ancestorMatched || isMatch);
          } else {
            hidden++;
            if (query && !ancestorMatched && !isMatch) {
              countMatches(child, (v) => {
                matchedValue += v;
              });
            }
          }
          x += w;
        });
      };
      const countMatches = (node, add) => {
        node.children.forEach((c) => {
          if (c.name.toLowerCase().includes(query)) {
            add(c.value);
          } else {
            countMatches(c, add);
          }
        });
      };
      if (query && zoom.some((name) => name.toLowerCase().includes(query))) {
        matchedValue = focus.value;
        walk(focus, zoom, depth0, 0, 1, true);
      } else {
        walk(focus, zoom, depth0, 0, 1, false);
      }
      chart.replaceChildren(...rows);
      reset.hidden = zoom.length === 0;
      matched.textContent = query ? ctx.msg('matched', '') + ' ' + V.formatNumber(matchedValue / total * 100, 1) + '%' : '';
      section.dataset.frames = String(chart.querySelectorAll('[data-frame]').length);
      section.dataset.snapshot = shown;
    }

    return { on: (type, data) => onSnapshot(data) };
  }

  V.register('flame', { takes: ['snapshot'], create: create });
})();
