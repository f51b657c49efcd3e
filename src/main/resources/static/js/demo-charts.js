// Demo charts (uPlot): line charts of metrics over time, with optional event markers (the manifest's
// chart `marks`, e.g. every `gc` event drawn at its time as a stroke from the heap before to the heap
// after), histograms (`kind: histogram`: a metric's values bucketed as bars), and the run summary as a
// table. A run view's line charts share the hover cursor (uPlot cursor.sync); run views that carry the
// same data-sync key (the compare page) also share one time axis, 0 to the longer run's end.
// Loaded before demo-panel.js, which calls window.DemoCharts for every metric, event and done.
(() => {
  'use strict';

  const MAX_POINTS = 600;
  const MAX_MARKS = 2000;
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#9333ea', '#ea580c', '#0d9488', '#4f46e5'];
  const MARK_PAUSE = 'rgba(220, 38, 38, 0.75)';
  const MARK_CONCURRENT = 'rgba(124, 58, 237, 0.6)';
  // Histogram buckets, half-open [lo, hi): pause times span four orders of magnitude, so 1-2-5 steps.
  const EDGES = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];
  // each bar is labelled by its lower edge (the bar at 2 holds 2 ≤ v < 5), so labels stay short
  const BUCKET_LABELS = EDGES.map((lo, i) => (i === 0 ? '<1' : i === EDGES.length - 1 ? '≥' + lo : String(lo)));

  // sync key → { maxX, charts: Set } for run views that share a time axis
  const groups = new Map();

  function group(key) {
    if (!groups.has(key)) {
      groups.set(key, { maxX: 0, charts: new Set() });
    }
    return groups.get(key);
  }

  function syncKey(el, state) {
    return el.dataset.sync || ('run-' + (state.runId || el.dataset.run || 'live'));
  }

  function seriesKeys(spec, values) {
    const keys = [];
    const names = spec.split(',').filter(Boolean);
    names.forEach((name) => {
      if (name.endsWith('*')) {
        const prefix = name.slice(0, -1);
        Object.keys(values).filter((k) => k.startsWith(prefix) && k !== prefix && !names.includes(k))
          .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
          .forEach((k) => keys.push(k));
      } else {
        keys.push(name);
      }
    });
    return keys;
  }

  function plotWidth(fig) {
    const plot = fig.querySelector('.demo-chart-plot');
    return Math.max(260, Math.floor(plot.getBoundingClientRect().width || fig.clientWidth || 560));
  }

  // ---------------------------------------------------------------- line charts (+ markers)
  function marksPlugin(chart) {
    return {
      hooks: {
        draw: [(u) => {
          if (!chart.marks.length) {
            return;
          }
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const xMin = u.scales.x.min;
          const xMax = u.scales.x.max;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          const dpr = window.devicePixelRatio || 1;
          chart.marks.forEach((mark) => {
            if (mark.t < xMin || mark.t > xMax) {
              return;
            }
            const x = Math.round(u.valToPos(mark.t, 'x', true));
            ctx.strokeStyle = mark.concurrent ? MARK_CONCURRENT : MARK_PAUSE;
            ctx.fillStyle = ctx.strokeStyle;
            if (typeof mark.before === 'number' && typeof mark.after === 'number' && u.scales.y) {
              // heap before → after: the collection's drop, drawn where it happened
              const y1 = u.valToPos(mark.before, 'y', true);
              const y2 = u.valToPos(mark.after, 'y', true);
              ctx.lineWidth = 2 * dpr;
              ctx.beginPath();
              ctx.moveTo(x, y1);
              ctx.lineTo(x, y2);
              ctx.stroke();
              ctx.beginPath();
              ctx.arc(x, y2, 2.5 * dpr, 0, 2 * Math.PI);
              ctx.fill();
            } else {
              ctx.lineWidth = 1 * dpr;
              ctx.setLineDash([3 * dpr, 3 * dpr]);
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + height);
              ctx.stroke();
              ctx.setLineDash([]);
            }
          });
          ctx.restore();
        }],
      },
    };
  }

  function makeLine(el, state, fig, keys) {
    const key = syncKey(el, state);
    const shared = Boolean(el.dataset.sync);
    const g = group(key);
    const data = [[]].concat(keys.map(() => []));
    const chart = { kind: 'line', keys: keys, data: data, marks: [], pending: false, group: g, fig: fig };
    const opts = {
      width: plotWidth(fig),
      height: 220,
      cursor: { sync: { key: key, setSeries: true } },
      scales: {
        x: {
          time: false,
          // compared runs share one time axis: 0 to the end of the longer run
          range: (u, min, max) => (shared ? [0, Math.max(max || 0, g.maxX, 1)] : [min, max > min ? max : min + 1]),
        },
      },
      axes: [{ label: 's' }, { label: fig.dataset.unit || '' }],
      series: [{ label: 't (s)' }].concat(keys.map((k, i) => ({
        label: k, stroke: COLORS[i % COLORS.length], width: 1.5, points: { show: false }, spanGaps: true,
      }))),
      plugins: fig.dataset.marks ? [marksPlugin(chart)] : [],
    };
    chart.u = new uPlot(opts, data, fig.querySelector('.demo-chart-plot'));
    g.charts.add(chart);
    if (fig.dataset.marks) {
      legend(fig);
    }
    (state.pendingMarks || []).forEach((m) => addMark(chart, fig, m));
    return chart;
  }

  function legend(fig) {
    const caption = fig.querySelector('figcaption');
    if (caption && !caption.querySelector('.chart-marks-legend')) {
      const span = document.createElement('span');
      span.className = 'chart-marks-legend';
      span.textContent = '│ ' + (fig.dataset.marksLabel || fig.dataset.marks);
      caption.append(' ', span);
    }
  }

  function schedule(chart) {
    if (chart.pending) {
      return;
    }
    chart.pending = true;
    setTimeout(() => {
      chart.pending = false;
      if (chart.kind === 'histogram') {
        chart.u.setData(chart.data);
        return;
      }
      chart.u.setData(chart.data);
      const g = chart.group;
      if (chart.fig.closest('[data-sync]')) {
        g.charts.forEach((other) => {
          if (other !== chart && other.kind === 'line' && other.u.scales.x.max < g.maxX) {
            other.u.setScale('x', { min: 0, max: g.maxX });
          }
        });
      }
    }, 60);
  }

  // ---------------------------------------------------------------- histograms
  function makeHistogram(fig) {
    const counts = EDGES.map(() => 0);
    const data = [EDGES.map((_, i) => i), counts];
    const opts = {
      width: plotWidth(fig),
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: () => [-0.5, EDGES.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          label: fig.dataset.unit || '',
          splits: () => EDGES.map((_, i) => i),
          values: (u, splits) => splits.map((i) => BUCKET_LABELS[i] || ''),
        },
        { label: '#' },
      ],
      series: [{}, {
        label: fig.dataset.series, stroke: COLORS[0], fill: 'rgba(37, 99, 235, 0.35)', width: 1,
        paths: uPlot.paths.bars({ size: [0.8, 80] }), points: { show: false },
      }],
    };
    return { kind: 'histogram', u: new uPlot(opts, data, fig.querySelector('.demo-chart-plot')), data: data, samples: 0, pending: false };
  }

  function bucket(v) {
    let i = 0;
    while (i + 1 < EDGES.length && v >= EDGES[i + 1]) {
      i++;
    }
    return i;
  }

  // ---------------------------------------------------------------- entry points
  function onMetric(el, state, metric) {
    const values = metric.values || {};
    const t = (metric.t || 0) / 1000;
    if (typeof uPlot === 'undefined') {
      return;
    }
    el.querySelectorAll('.demo-chart').forEach((fig) => {
      const histogram = fig.dataset.kind === 'histogram';
      let chart = state.charts.get(fig.dataset.chart);
      if (!chart) {
        const keys = histogram ? [fig.dataset.series.split(',')[0]] : seriesKeys(fig.dataset.series || '', values);
        if (!keys.some((k) => typeof values[k] === 'number')) {
          return;
        }
        chart = histogram ? makeHistogram(fig) : makeLine(el, state, fig, keys);
        chart.keys = chart.keys || keys;
        state.charts.set(fig.dataset.chart, chart);
      }
      if (!chart.keys.some((k) => typeof values[k] === 'number')) {
        return;
      }
      if (histogram) {
        chart.keys.forEach((k) => {
          if (typeof values[k] === 'number') {
            chart.data[1][bucket(values[k])]++;
            chart.samples++;
          }
        });
        fig.dataset.points = String(chart.samples);
        schedule(chart);
        return;
      }
      chart.data[0].push(t);
      chart.keys.forEach((k, i) => chart.data[i + 1].push(typeof values[k] === 'number' ? values[k] : null));
      if (chart.data[0].length > MAX_POINTS) {
        chart.data.forEach((column) => column.shift());
      }
      chart.group.maxX = Math.max(chart.group.maxX, t);
      fig.dataset.points = String(chart.data[0].length);
      schedule(chart);
    });
  }

  function addMark(chart, fig, mark) {
    chart.marks.push(mark);
    if (chart.marks.length > MAX_MARKS) {
      chart.marks.shift();
    }
    fig.dataset.marksCount = String(chart.marks.length);
    schedule(chart);
  }

  // An event whose kind a chart marks: drawn at its time (gc: a stroke from fields.beforeMb to afterMb).
  function onEvent(el, state, event) {
    const kind = String(event.kind || '');
    const fields = event.fields || {};
    const mark = {
      t: (event.t || 0) / 1000, before: fields.beforeMb, after: fields.afterMb,
      concurrent: fields.phase === 'concurrent',
    };
    let waiting = false;
    el.querySelectorAll('.demo-chart[data-marks]').forEach((fig) => {
      if (!fig.dataset.marks.split(',').includes(kind)) {
        return;
      }
      const chart = state.charts.get(fig.dataset.chart);
      if (chart) {
        addMark(chart, fig, mark);
      } else {
        waiting = true;
      }
    });
    if (waiting) {
      // an event before the chart's first metric: drawn once the chart exists
      (state.pendingMarks = state.pendingMarks || []).push(mark);
    }
  }

  function reset(state) {
    state.charts.forEach((chart) => {
      if (chart.group) {
        chart.group.charts.delete(chart);
      }
      chart.u.destroy();
    });
    state.charts.clear();
    state.pendingMarks = [];
  }

  // ---------------------------------------------------------------- summary table
  const UNITS = [['Ms', 'ms'], ['Mb', 'MB'], ['Pct', '%'], ['Sec', 's']];

  function label(key) {
    let unit = '';
    let name = key;
    for (const [suffix, u] of UNITS) {
      if (name.length > suffix.length && name.endsWith(suffix)) {
        unit = u;
        name = name.slice(0, -suffix.length);
        break;
      }
    }
    const words = name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/([0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return { name: words.charAt(0).toUpperCase() + words.slice(1), unit: unit };
  }

  function format(value, unit) {
    if (typeof value === 'number') {
      const digits = Number.isInteger(value) ? 0 : Math.abs(value) >= 100 ? 1 : 2;
      return value.toLocaleString(undefined, { maximumFractionDigits: digits }) + (unit ? ' ' + unit : '');
    }
    if (Array.isArray(value)) {
      return value.map(String).join(', ');
    }
    if (value && typeof value === 'object') {
      return JSON.stringify(value);
    }
    return value == null ? '' : String(value) + (unit ? ' ' + unit : '');
  }

  // Renders the done event's summary into the run view's table; returns a one-line text for the log.
  function summary(el, summaryValue) {
    const box = el.querySelector('.demo-summary');
    const body = box && box.querySelector('tbody');
    if (!summaryValue || typeof summaryValue !== 'object') {
      if (box && summaryValue != null) {
        const row = document.createElement('tr');
        const cell = document.createElement('td');
        cell.textContent = String(summaryValue);
        row.append(cell);
        body.replaceChildren(row);
        box.hidden = false;
      }
      return summaryValue == null ? '' : String(summaryValue);
    }
    const rows = Object.keys(summaryValue).map((key) => {
      const { name, unit } = label(key);
      const row = document.createElement('tr');
      row.dataset.key = key;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      th.title = key;
      const td = document.createElement('td');
      td.textContent = format(summaryValue[key], unit);
      row.append(th, td);
      return row;
    });
    if (body) {
      body.replaceChildren(...rows);
      box.hidden = false;
    }
    return Object.keys(summaryValue).filter((k) => typeof summaryValue[k] === 'number')
      .map((k) => k + '=' + format(summaryValue[k], '')).join(' ');
  }

  window.addEventListener('resize', () => {
    document.querySelectorAll('.demo-run').forEach((el) => {
      if (!el.demoState) {
        return;
      }
      el.querySelectorAll('.demo-chart').forEach((fig) => {
        const chart = el.demoState.charts.get(fig.dataset.chart);
        if (chart) {
          chart.u.setSize({ width: plotWidth(fig), height: 220 });
        }
      });
    });
  });

  window.DemoCharts = { onMetric: onMetric, onEvent: onEvent, reset: reset, summary: summary };
})();
