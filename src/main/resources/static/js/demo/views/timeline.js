// The `timeline` view: `span` events as a waterfall. Each span is a row (children under their parent,
// siblings by start), its bar placed by start and end on one time axis and coloured by lane; an open
// span (end null) runs to the latest time seen, striped. The critical path (from the root that ends
// last, each time the child that ends last) is marked. Hover or focus shows the span below the
// chart. `groups: latest` shows the newest group (e.g. one request) with a picker of recent ones;
// `groups: all` draws every span in one chart.
(() => {
  'use strict';

  const V = window.DemoViews;
  const MAX_GROUPS = 20;
  const MAX_ROWS = 300;

  function create(section, ctx) {
    const unit = ctx.options.unit || 'ms';
    const latestOnly = (ctx.options.groups || 'latest') !== 'all';
    const chart = section.querySelector('.view-waterfall');
    const readout = section.querySelector('.view-readout');
    const picker = section.querySelector('.view-group-picker');
    const select = picker.querySelector('select');
    const lanesLegend = section.querySelector('.view-lanes');
    const empty = section.querySelector('.view-empty');
    const spans = new Map(); // id → span
    const groups = []; // group keys, oldest first
    const lanes = [];
    let chosen = null; // a group the reader picked; null follows the newest
    let latestT = 0;

    select.addEventListener('change', () => {
      chosen = select.value === '' ? null : select.value;
      render();
    });

    function groupOf(span) {
      return span.group == null ? '' : String(span.group);
    }

    function laneIndex(lane) {
      const key = lane == null ? '' : String(lane);
      let i = lanes.indexOf(key);
      if (i < 0) {
        lanes.push(key);
        i = lanes.length - 1;
        const item = V.make('li', 'lane-item');
        const swatch = V.make('span', 'lane-swatch');
        swatch.style.backgroundColor = V.color(i);
        item.append(swatch, V.make('span', null, key === '' ? '–' : ctx.wording.term(key)));
        lanesLegend.append(item);
      }
      return i;
    }

    function onSpan(span) {
      if (!span || span.id == null) {
        return;
      }
      const id = String(span.id);
      const known = spans.get(id) || {};
      const next = Object.assign(known, span, { id: id });
      next.laneIndex = laneIndex(next.lane);
      spans.set(id, next);
      const g = groupOf(next);
      if (!groups.includes(g)) {
        groups.push(g);
        if (groups.length > MAX_GROUPS) {
          const gone = groups.shift();
          spans.forEach((s, key) => {
            if (groupOf(s) === gone) {
              spans.delete(key);
            }
          });
        }
        fillPicker();
      }
      latestT = Math.max(latestT, Number(next.start) || 0, Number(next.end) || 0);
      schedule();
    }

    function fillPicker() {
      const named = groups.filter((g) => g !== '');
      picker.hidden = !latestOnly || named.length < 2;
      const options = [V.make('option', null, ctx.msg('newest', 'newest'))];
      options[0].value = '';
      named.slice().reverse().forEach((g) => {
        const option = V.make('option', null, ctx.wording.term(g));
        option.value = g;
        options.push(option);
      });
      select.replaceChildren(...options);
      select.value = chosen && named.includes(chosen) ? chosen : '';
    }

    const schedule = V.throttle(() => render(), 80);

    function shownSpans() {
      if (!latestOnly) {
        return Array.from(spans.values());
      }
      const g = chosen != null && groups.includes(chosen) ? chosen : groups[groups.length - 1];
      return Array.from(spans.values()).filter((s) => groupOf(s) === g);
    }

    function endOf(s) {
      return s.end == null ? latestT : Number(s.end);
    }

    // rows in tree order (children under their parent, by start) and the critical path's ids
    function layout(list) {
      const byId = new Map(list.map((s) => [s.id, s]));
      const children = new Map();
      const roots = [];
      list.forEach((s) => {
        const p = s.parent == null ? null : String(s.parent);
        if (p != null && byId.has(p) && p !== s.id) {
          if (!children.has(p)) {
            children.set(p, []);
          }
          children.get(p).push(s);
        } else {
          roots.push(s);
        }
      });
      const byStart = (a, b) => (Number(a.start) - Number(b.start)) || String(a.id).localeCompare(String(b.id));
      const rows = [];
      const seen = new Set();
      const walk = (s, depth) => {
        if (seen.has(s.id) || rows.length >= MAX_ROWS) {
          return;
        }
        seen.add(s.id);
        rows.push({ span: s, depth: depth });
        (children.get(s.id) || []).sort(byStart).forEach((c) => walk(c, depth + 1));
      };
      roots.sort(byStart).forEach((r) => walk(r, 0));
      const critical = new Set();
      const last = (items) => items.reduce((best, s) => (!best || endOf(s) > endOf(best)
        || (endOf(s) === endOf(best) && Number(s.start) > Number(best.start)) ? s : best), null);
      let at = last(roots);
      while (at && !critical.has(at.id)) {
        critical.add(at.id);
        at = last(children.get(at.id) || []);
      }
      return { rows: rows, critical: critical };
    }

    function describe(s) {
      const start = Number(s.start) || 0;
      const parts = [ctx.wording.term(s.label || s.id)];
      if (s.lane != null && s.lane !== '') {
        parts.push(ctx.wording.term(s.lane));
      }
      const range = V.withUnit(start, unit) + ' → ' + (s.end == null ? ctx.msg('open', '…') : V.withUnit(Number(s.end), unit));
      parts.push(range);
      if (s.end != null) {
        parts.push(V.withUnit(Number(s.end) - start, unit));
      }
      const fields = s.fields || {};
      Object.keys(fields).forEach((k) => parts.push(k + ' ' + ctx.wording.shown(fields[k])));
      return parts.join(' · ');
    }

    function show(s, bar) {
      readout.textContent = describe(s);
      chart.querySelectorAll('.is-active').forEach((e) => e.classList.remove('is-active'));
      if (bar) {
        bar.classList.add('is-active');
      }
    }

    function render() {
      const list = shownSpans();
      if (!list.length) {
        return;
      }
      if (empty) {
        empty.hidden = true;
      }
      const { rows, critical } = layout(list);
      const t0 = Math.min(...list.map((s) => Number(s.start) || 0));
      const t1 = Math.max(t0 + 1, ...list.map(endOf));
      const span = t1 - t0;
      const trackPx = (chart.getBoundingClientRect().width || 600) * 0.7;
      const out = document.createDocumentFragment();
      out.append(axis(t0, t1));
      rows.forEach(({ span: s, depth }) => {
        const row = V.make('div', 'tl-row');
        const label = V.make('div', 'tl-label', ctx.wording.term(s.label || s.id));
        label.style.paddingLeft = Math.min(depth, 8) * 0.7 + 'em';
        const track = V.make('div', 'tl-track');
        const bar = V.make('div', 'tl-bar lane-' + (s.laneIndex % 12));
        bar.dataset.spanId = s.id;
        bar.tabIndex = 0;
        bar.setAttribute('role', 'img');
        bar.setAttribute('aria-label', describe(s));
        const left = ((Number(s.start) || 0) - t0) / span * 100;
        const width = Math.max(0.4, (endOf(s) - (Number(s.start) || 0)) / span * 100);
        bar.style.left = left + '%';
        bar.style.width = Math.min(width, 100 - left) + '%';
        bar.style.backgroundColor = V.color(s.laneIndex);
        if (s.end == null) {
          bar.classList.add('is-open');
        }
        if (critical.has(s.id)) {
          bar.classList.add('is-critical');
          row.classList.add('is-critical-row');
        }
        const duration = V.make('span', 'tl-duration', s.end == null ? '…' : V.withUnit(endOf(s) - (Number(s.start) || 0), unit));
        if (width / 100 * trackPx > 64) {
          duration.classList.add('is-inside');
        } else if (left + width > 80) {
          duration.classList.add('is-before');
        }
        bar.append(duration);
        bar.addEventListener('mouseenter', () => show(s, bar));
        bar.addEventListener('focus', () => show(s, bar));
        track.append(bar);
        row.append(label, track);
        out.append(row);
      });
      chart.replaceChildren(out);
      section.dataset.spans = String(rows.length);
      section.dataset.critical = String(critical.size);
    }

    function axis(t0, t1) {
      const row = V.make('div', 'tl-row tl-axis');
      row.append(V.make('div', 'tl-label', unit));
      const track = V.make('div', 'tl-track');
      const ticks = 4;
      for (let i = 0; i <= ticks; i++) {
        const tick = V.make('span', 'tl-tick', V.withUnit(Math.round(t0 + (t1 - t0) * i / ticks - t0), i === ticks ? unit : ''));
        tick.style.left = (i * 100 / ticks) + '%';
        if (i === ticks) {
          tick.classList.add('is-last');
        }
        track.append(tick);
      }
      row.append(track);
      return row;
    }

    return { on: (type, data) => onSpan(data) };
  }

  V.register('timeline', { takes: ['span'], create: create });
})();
