// The `line` view: metrics over time (uPlot), units on both axes, a legend of the manifest's labels
// with the latest value (the hovered one while the cursor is on the chart), and the event kinds in
// `marks` as thin ticks on a lane of their own above the plot, readable with hundreds of them.
// `style: histogram` buckets the first series' values instead (1-2-5 edges); its bucket labels are
// thinned out to the width they have, so they never collide. Views sharing a run view's data-sync
// key (the compare page) share one time axis and the hover cursor.
(() => {
  'use strict';

  const V = window.DemoViews;
  const MAX_POINTS = 600;
  const MAX_MARKS = 4000;
  const EDGES = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];
  const BUCKET_LABELS = EDGES.map((lo, i) => (i === 0 ? '<1' : i === EDGES.length - 1 ? '≥' + lo : String(lo)));
  const LANE = 20; // css px above the plot for the marks lane

  // sync key → { maxX, charts: Set } for run views that share a time axis
  const groups = new Map();

  function group(key) {
    if (!groups.has(key)) {
      groups.set(key, { maxX: 0, charts: new Set() });
    }
    return groups.get(key);
  }

  function seriesSpecs(options) {
    return (options.series || []).map((s) => (typeof s === 'string' ? { metric: s } : s)).filter((s) => s && s.metric);
  }

  // the metric keys a view draws, given the first values that carry any of them
  function expand(specs, values) {
    const out = [];
    const named = specs.map((s) => s.metric);
    specs.forEach((s) => {
      if (s.metric.endsWith('*')) {
        const prefix = s.metric.slice(0, -1);
        Object.keys(values).filter((k) => k.startsWith(prefix) && k !== prefix && !named.includes(k))
          .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
          .forEach((k) => out.push({ key: k, label: V.pick(s, '') ? V.pick(s, '') + ' ' + k.slice(prefix.length) : k }));
      } else {
        out.push({ key: s.metric, label: V.pick(s, s.metric) });
      }
    });
    return out;
  }

  function bucket(v) {
    let i = 0;
    while (i + 1 < EDGES.length && v >= EDGES[i + 1]) {
      i++;
    }
    return i;
  }

  function axisStyle(t) {
    return {
      stroke: t.text, font: '12px ' + t.font, labelFont: '600 12px ' + t.font,
      grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 },
    };
  }

  function create(section, ctx) {
    const o = ctx.options;
    const histogram = o.style === 'histogram';
    const specs = seriesSpecs(o);
    const marks = (o.marks || []).map(String);
    const plot = section.querySelector('.view-plot');
    const legend = section.querySelector('.view-legend');
    const shared = Boolean(ctx.run.dataset.sync);
    const key = ctx.run.dataset.sync || ('run-' + (ctx.run.dataset.run || Math.random()));
    const g = group(key);
    const unit = o.unit || '';
    const timeLabel = ctx.msg('time', 's');
    const view = { u: null, keys: null, data: null, marks: [], markCounts: new Map(), pending: false, samples: 0, latest: null };

    function width() {
      return Math.max(200, Math.floor(plot.getBoundingClientRect().width || section.clientWidth || 560));
    }

    function height() {
      return width() < 420 ? 180 : 220;
    }

    // ------------------------------------------------------------ legend
    function buildLegend() {
      legend.replaceChildren();
      if (histogram) {
        const item = V.make('li', 'view-legend-item');
        item.append(V.make('span', 'legend-swatch legend-swatch-0'), V.make('span', 'legend-label', view.keys[0].label),
          V.make('span', 'legend-value'));
        legend.append(item);
        return;
      }
      view.keys.forEach((k, i) => {
        const item = V.make('li', 'view-legend-item');
        item.dataset.series = k.key;
        const swatch = V.make('span', 'legend-swatch');
        swatch.style.backgroundColor = V.color(i);
        item.append(swatch, V.make('span', 'legend-label', k.label), V.make('span', 'legend-value', '–'));
        legend.append(item);
      });
      marks.forEach((kind, i) => {
        const item = V.make('li', 'view-legend-item legend-mark');
        item.dataset.mark = kind;
        const swatch = V.make('span', 'legend-tick');
        swatch.style.backgroundColor = markColor(i);
        item.append(swatch, V.make('span', 'legend-label', ctx.wording.term(kind)), V.make('span', 'legend-value', '×0'));
        legend.append(item);
      });
    }

    function showValues(idx) {
      if (histogram) {
        const value = legend.querySelector('.legend-value');
        if (value) {
          value.textContent = 'n = ' + V.formatNumber(view.samples);
        }
        return;
      }
      const at = idx == null ? view.data[0].length - 1 : idx;
      view.keys.forEach((k, i) => {
        const item = legend.children[i];
        const v = at >= 0 ? view.data[i + 1][at] : null;
        item.querySelector('.legend-value').textContent = v == null ? '–' : V.withUnit(round(v), unit);
      });
      section.classList.toggle('is-hovering', idx != null);
    }

    function round(v) {
      const a = Math.abs(v);
      return a >= 100 ? Math.round(v) : a >= 10 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100;
    }

    function markColor(i) {
      return V.dark() ? ['#fca5a5', '#c4b5fd', '#fcd34d', '#86efac'][i % 4] : ['#b91c1c', '#6d28d9', '#b45309', '#15803d'][i % 4];
    }

    // ------------------------------------------------------------ drawing
    function marksPlugin() {
      return {
        hooks: {
          draw: [(u) => {
            if (!marks.length) {
              return;
            }
            const c = u.ctx;
            const dpr = window.devicePixelRatio || 1;
            const { left, top, width: w } = u.bbox;
            const y0 = top - (LANE - 4) * dpr;
            const y1 = top - 4 * dpr;
            c.save();
            c.fillStyle = V.theme(section).grid;
            c.fillRect(left, y0, w, y1 - y0);
            c.lineWidth = Math.max(1, dpr);
            const xMin = u.scales.x.min;
            const xMax = u.scales.x.max;
            view.marks.forEach((m) => {
              if (m.t < xMin || m.t > xMax) {
                return;
              }
              const x = Math.round(u.valToPos(m.t, 'x', true)) + 0.5;
              c.strokeStyle = markColor(m.lane);
              c.globalAlpha = 0.85;
              c.beginPath();
              c.moveTo(x, y0);
              c.lineTo(x, y1);
              c.stroke();
            });
            c.restore();
          }],
          setCursor: [(u) => showValues(u.cursor.idx == null ? null : u.cursor.idx)],
        },
      };
    }

    function makeLine() {
      const t = V.theme(section);
      view.data = [[]].concat(view.keys.map(() => []));
      const opts = {
        width: width(),
        height: height(),
        legend: { show: false },
        padding: [marks.length ? LANE + 6 : 10, 12, 0, 0],
        cursor: { sync: { key: key, setSeries: false }, points: { size: 6 } },
        scales: {
          x: {
            time: false,
            // compared runs share one time axis: 0 to the end of the longer run
            range: (u, min, max) => (shared ? [0, Math.max(max || 0, g.maxX, 1)] : [min, max > min ? max : min + 1]),
          },
        },
        axes: [Object.assign({ label: timeLabel }, axisStyle(t)),
          Object.assign({ label: unit || ctx.msg('value', ''), size: 56 }, axisStyle(t))],
        series: [{ label: timeLabel }].concat(view.keys.map((k, i) => ({
          label: k.label, stroke: V.color(i), width: 1.5, points: { show: false }, spanGaps: true,
        }))),
        plugins: [marksPlugin()],
      };
      view.u = new uPlot(opts, view.data, plot);
      g.charts.add(view);
    }

    function makeHistogram() {
      const t = V.theme(section);
      view.data = [EDGES.map((_, i) => i), EDGES.map(() => 0)];
      const opts = {
        width: width(),
        height: height(),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: { x: { time: false, range: () => [-0.5, EDGES.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
        axes: [
          Object.assign({
            label: unit ? ctx.msg('bucket', '') + ' (' + unit + ')' : ctx.msg('bucket', ''),
            // one label per bucket when they fit, every 2nd or 3rd otherwise: labels never collide
            splits: (u) => {
              const per = u.bbox.width / (window.devicePixelRatio || 1) / EDGES.length;
              const step = Math.max(1, Math.ceil(40 / per));
              return EDGES.map((_, i) => i).filter((i) => i % step === 0);
            },
            values: (u, splits) => splits.map((i) => BUCKET_LABELS[i] || ''),
          }, axisStyle(t)),
          Object.assign({ label: ctx.msg('count', '#'), size: 50 }, axisStyle(t)),
        ],
        series: [{}, {
          label: view.keys[0].label, stroke: V.color(0), fill: V.color(0) + '66', width: 1,
          paths: uPlot.paths.bars({ size: [0.8, 80] }), points: { show: false },
        }],
      };
      view.u = new uPlot(opts, view.data, plot);
    }

    function schedule() {
      if (view.pending) {
        return;
      }
      view.pending = true;
      setTimeout(() => {
        view.pending = false;
        if (!view.u) {
          return;
        }
        view.u.setData(view.data);
        if (!histogram && shared) {
          g.charts.forEach((other) => {
            if (other !== view && other.u && other.u.scales.x.max < g.maxX) {
              other.u.setScale('x', { min: 0, max: g.maxX });
            }
          });
        }
        if (!section.classList.contains('is-hovering')) {
          showValues(null);
        }
      }, 60);
    }

    // ------------------------------------------------------------ events
    function onMetric(metric) {
      const values = metric.values || {};
      if (typeof uPlot === 'undefined') {
        return;
      }
      if (!view.u) {
        const keys = histogram ? expand(specs.slice(0, 1), values) : expand(specs, values);
        if (!keys.some((k) => typeof values[k.key] === 'number')) {
          return;
        }
        view.keys = keys;
        buildLegend();
        if (histogram) {
          makeHistogram();
        } else {
          makeLine();
        }
      }
      if (!view.keys.some((k) => typeof values[k.key] === 'number')) {
        return;
      }
      if (histogram) {
        const v = values[view.keys[0].key];
        if (typeof v === 'number') {
          view.data[1][bucket(v)]++;
          view.samples++;
        }
        section.dataset.points = String(view.samples);
        schedule();
        return;
      }
      const t = (metric.t || 0) / 1000;
      view.data[0].push(t);
      view.keys.forEach((k, i) => view.data[i + 1].push(typeof values[k.key] === 'number' ? values[k.key] : null));
      if (view.data[0].length > MAX_POINTS) {
        view.data.forEach((column) => column.shift());
      }
      g.maxX = Math.max(g.maxX, t);
      section.dataset.points = String(view.data[0].length);
      schedule();
    }

    function onEvent(event) {
      const lane = marks.indexOf(String(event.kind || ''));
      if (lane < 0 || histogram) {
        return;
      }
      view.marks.push({ t: (event.t || 0) / 1000, lane: lane });
      if (view.marks.length > MAX_MARKS) {
        view.marks.shift();
      }
      view.markCounts.set(lane, (view.markCounts.get(lane) || 0) + 1);
      section.dataset.marksCount = String(view.marks.length);
      const item = legend.querySelector('.legend-mark[data-mark="' + V.safe(event.kind) + '"] .legend-value');
      if (item) {
        item.textContent = '×' + V.formatNumber(view.markCounts.get(lane));
      }
      if (view.u) {
        schedule();
      }
    }

    return {
      on: (type, data) => (type === 'metric' ? onMetric(data) : onEvent(data)),
      resize: () => {
        if (view.u) {
          view.u.setSize({ width: width(), height: height() });
        }
      },
      destroy: () => {
        g.charts.delete(view);
        if (view.u) {
          view.u.destroy();
        }
      },
    };
  }

  V.register('line', { takes: ['metric', 'event'], create: create });
})();
