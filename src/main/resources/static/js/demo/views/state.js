// The `state` view: a small state diagram (SVG) of the manifest's `states` and `transitions`; the
// state the run is in lights up, and each transition shows how often it was taken. With `entity`
// on the events, each entity moves on its own: every state holding one is lit, with how many, and a
// list names each entity's state. A transition the manifest does not list is drawn dashed once taken.
// States sit in a row (forward arrows above, backward below) or, when the view is narrow, a column.
(() => {
  'use strict';

  const V = window.DemoViews;
  const NODE_W = 112;
  const NODE_H = 34;
  let arrows = 0;

  function create(section, ctx) {
    const diagram = section.querySelector('.view-state-diagram');
    const entitiesList = section.querySelector('.view-state-entities');
    const states = (ctx.options.states || []).map(String);
    const listed = new Set((ctx.options.transitions || []).map((p) => String(p[0]) + '\u0000' + String(p[1])));
    const taken = new Map(); // "from\0to" → count
    const current = new Map(); // entity ('' for the run) → state
    const arrowId = 'state-arrow-' + (++arrows);
    let narrow = null;

    function key(a, b) {
      return a + '\u0000' + b;
    }

    function onState(event) {
      if (!event || event.state == null) {
        return;
      }
      const state = String(event.state);
      const entity = event.entity == null ? '' : String(event.entity);
      if (!states.includes(state)) {
        states.push(state);
      }
      const from = current.get(entity);
      if (from != null && from !== state) {
        taken.set(key(from, state), (taken.get(key(from, state)) || 0) + 1);
      }
      current.set(entity, state);
      section.dataset.current = state;
      draw();
    }

    function edges() {
      const all = new Set(listed);
      taken.forEach((n, k) => all.add(k));
      return Array.from(all).map((k) => k.split('\u0000'));
    }

    function draw() {
      const width = Math.max(240, Math.floor(diagram.getBoundingClientRect().width || section.clientWidth || 480));
      narrow = width < states.length * (NODE_W + 36);
      const pos = new Map();
      let svgW;
      let svgH;
      if (narrow) {
        svgW = width;
        svgH = states.length * (NODE_H + 34) + 10;
        states.forEach((s, i) => pos.set(s, { x: width / 2, y: 22 + i * (NODE_H + 34) }));
      } else {
        svgW = width;
        svgH = 150;
        const step = (width - NODE_W) / Math.max(1, states.length - 1);
        states.forEach((s, i) => pos.set(s, { x: NODE_W / 2 + (states.length === 1 ? (width - NODE_W) / 2 : i * step), y: 75 }));
      }
      const svg = V.svg('svg', { width: svgW, height: svgH, viewBox: '0 0 ' + svgW + ' ' + svgH, role: 'img' }, 'state-svg');
      const defs = V.svg('defs');
      const marker = V.svg('marker', { id: arrowId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      marker.append(V.svg('path', { d: 'M0,0 L10,5 L0,10 z' }, 'state-arrowhead'));
      defs.append(marker);
      svg.append(defs);
      const index = (s) => states.indexOf(s);
      edges().forEach(([a, b]) => {
        const p = pos.get(a);
        const q = pos.get(b);
        if (!p || !q || a === b) {
          return;
        }
        const forward = index(b) > index(a);
        const adjacent = Math.abs(index(b) - index(a)) === 1;
        let d;
        let lx;
        let ly;
        if (narrow) {
          const side = forward ? 1 : -1;
          const x0 = p.x + side * NODE_W / 2;
          const x1 = q.x + side * NODE_W / 2;
          const bend = side * (24 + Math.abs(index(b) - index(a)) * 12);
          const y0 = p.y + (forward ? 4 : -4);
          const y1 = q.y + (forward ? -4 : 4);
          d = 'M' + x0 + ',' + y0 + ' C' + (x0 + bend) + ',' + y0 + ' ' + (x1 + bend) + ',' + y1 + ' ' + x1 + ',' + y1;
          lx = (x0 + x1) / 2 + bend * 0.75 + (forward ? 14 : -14);
          ly = (y0 + y1) / 2;
        } else if (forward && adjacent) {
          const x0 = p.x + NODE_W / 2;
          const x1 = q.x - NODE_W / 2;
          d = 'M' + x0 + ',' + p.y + ' L' + x1 + ',' + q.y;
          lx = (x0 + x1) / 2;
          ly = p.y - 7;
        } else {
          const up = forward ? -1 : 1;
          const y0 = p.y + up * NODE_H / 2;
          const lift = up * (22 + Math.abs(index(b) - index(a)) * 10);
          d = 'M' + p.x + ',' + y0 + ' C' + p.x + ',' + (y0 + lift) + ' ' + q.x + ',' + (y0 + lift) + ' ' + q.x + ',' + y0;
          lx = (p.x + q.x) / 2;
          ly = y0 + lift * 0.75 + (up > 0 ? 10 : -2);
        }
        const n = taken.get(key(a, b)) || 0;
        const path = V.svg('path', { d: d, 'marker-end': 'url(#' + arrowId + ')' },
          'state-edge' + (n ? ' is-taken' : '') + (listed.has(key(a, b)) ? '' : ' is-unlisted'));
        path.dataset.from = a;
        path.dataset.to = b;
        svg.append(path);
        if (n) {
          const label = V.svg('text', { x: lx, y: ly, 'text-anchor': 'middle' }, 'state-count');
          label.textContent = '×' + V.formatNumber(n);
          svg.append(label);
        }
      });
      const holders = new Map();
      current.forEach((s) => holders.set(s, (holders.get(s) || 0) + 1));
      const many = current.size > 1 || (current.size === 1 && !current.has(''));
      states.forEach((s) => {
        const p = pos.get(s);
        const g = V.svg('g', { transform: 'translate(' + (p.x - NODE_W / 2) + ',' + (p.y - NODE_H / 2) + ')', tabindex: 0 },
          'state-node' + (holders.has(s) ? ' is-current' : ''));
        g.dataset.state = s;
        const title = V.svg('title');
        title.textContent = ctx.wording.term(s) + (holders.has(s) && many ? ' ×' + holders.get(s) : '');
        g.append(title, V.svg('rect', { width: NODE_W, height: NODE_H, rx: 8, ry: 8 }));
        const text = V.svg('text', { x: NODE_W / 2, y: NODE_H / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' });
        const label = ctx.wording.term(s);
        text.textContent = label.length > 14 ? label.slice(0, 13) + '…' : label;
        g.append(text);
        if (holders.has(s) && many) {
          const badge = V.svg('text', { x: NODE_W - 6, y: 10, 'text-anchor': 'end' }, 'state-holders');
          badge.textContent = '×' + holders.get(s);
          g.append(badge);
        }
        svg.append(g);
      });
      diagram.replaceChildren(svg);
      if (many) {
        entitiesList.hidden = false;
        entitiesList.replaceChildren(...Array.from(current.entries()).map(([entity, s]) => {
          const item = V.make('li', 'state-entity');
          item.dataset.entity = entity;
          item.append(V.make('span', 'state-entity-name', ctx.wording.term(entity)), ' ',
            V.make('span', 'state-entity-state', ctx.wording.term(s)));
          return item;
        }));
      }
    }

    draw();
    return {
      on: (type, data) => onState(data),
      resize: () => draw(),
    };
  }

  V.register('state', { takes: ['state'], create: create });
})();
