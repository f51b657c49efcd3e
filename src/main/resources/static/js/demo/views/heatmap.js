// The `heatmap` view: one snapshot per time column (id = column index, data {t, counts}), bucket i
// holding [2^i, 2^(i+1)) of the view's unit (bucket 0 also below 1), drawn on a canvas: time to the
// right, buckets upwards, darker for more (log scale). Below it the totals of every column as a
// bpftrace hist()-style text histogram. Hover or focus on the canvas reads one cell out.
(() => {
  'use strict';

  const V = window.DemoViews;
  const BAR = 24; // characters of the text histogram's widest bar

  function bound(i) {
    const v = Math.pow(2, i);
    const suffix = ['', 'K', 'M', 'G', 'T'];
    let k = 0;
    let n = v;
    while (n >= 1024 && k < suffix.length - 1) {
      n /= 1024;
      k++;
    }
    return n + suffix[k];
  }

  function bucketLabel(i) {
    return i === 0 ? '[0, 2)' : '[' + bound(i) + ', ' + bound(i + 1) + ')';
  }

  function create(section, ctx) {
    const unit = ctx.options.unit || '';
    const canvas = section.querySelector('canvas.view-heat');
    const hist = section.querySelector('pre.view-hist');
    const readout = section.querySelector('.view-readout');
    const empty = section.querySelector('.view-empty');
    const columns = new Map(); // index → {t, counts}
    const later = V.throttle(() => draw(), 100);
    let geometry = null;

    function onSnapshot(snapshot) {
      if (!snapshot || snapshot.id == null || !snapshot.data || !Array.isArray(snapshot.data.counts)) {
        return;
      }
      const index = Number(snapshot.id);
      if (!Number.isFinite(index)) {
        return;
      }
      columns.set(index, { t: Number(snapshot.data.t) || 0, counts: snapshot.data.counts.map((c) => Number(c) || 0) });
      later();
    }

    function draw() {
      if (!columns.size) {
        return;
      }
      if (empty) {
        empty.hidden = true;
      }
      canvas.hidden = false;
      const keys = Array.from(columns.keys()).sort((a, b) => a - b);
      const buckets = Math.max(1, ...keys.map((k) => columns.get(k).counts.length));
      let max = 1;
      keys.forEach((k) => columns.get(k).counts.forEach((c) => {
        max = Math.max(max, c);
      }));
      const t = V.theme(section);
      const dpr = window.devicePixelRatio || 1;
      const cssWidth = Math.max(200, Math.floor(canvas.parentElement.getBoundingClientRect().width || 560));
      const left = 64;
      const bottom = 34;
      const top = 6;
      const cell = Math.max(8, Math.min(16, Math.floor(220 / buckets)));
      const cssHeight = top + buckets * cell + bottom;
      canvas.width = cssWidth * dpr;
      canvas.height = cssHeight * dpr;
      canvas.style.width = cssWidth + 'px';
      canvas.style.height = cssHeight + 'px';
      const c = canvas.getContext('2d');
      c.setTransform(dpr, 0, 0, dpr, 0, 0);
      c.clearRect(0, 0, cssWidth, cssHeight);
      const plotW = cssWidth - left - 8;
      const colW = plotW / keys.length;
      const base = V.dark() ? [94, 200, 208] : [10, 108, 116];
      keys.forEach((k, x) => {
        columns.get(k).counts.forEach((count, b) => {
          if (!count) {
            return;
          }
          const strength = Math.log(1 + count) / Math.log(1 + max);
          c.fillStyle = 'rgba(' + base.join(',') + ',' + (0.12 + 0.88 * strength).toFixed(3) + ')';
          c.fillRect(left + x * colW, top + (buckets - 1 - b) * cell, Math.max(1, colW - (colW > 3 ? 1 : 0)), cell - 1);
        });
      });
      // axes: bucket bounds on the left, seconds below, in the page's text colour
      c.fillStyle = t.text;
      c.strokeStyle = t.grid;
      c.font = '11px ' + t.font;
      c.textAlign = 'right';
      c.textBaseline = 'middle';
      const every = Math.max(1, Math.ceil(14 / cell));
      for (let b = 0; b < buckets; b += every) {
        c.fillText(b === 0 ? '0' : bound(b), left - 6, top + (buckets - 1 - b) * cell + cell / 2);
      }
      c.beginPath();
      c.moveTo(left - 0.5, top);
      c.lineTo(left - 0.5, top + buckets * cell + 0.5);
      c.lineTo(left + plotW, top + buckets * cell + 0.5);
      c.stroke();
      c.textAlign = 'center';
      c.textBaseline = 'top';
      const ticks = Math.max(2, Math.min(6, Math.floor(plotW / 90)));
      for (let i = 0; i < ticks; i++) {
        const x = Math.min(keys.length - 1, Math.round(i * (keys.length - 1) / Math.max(1, ticks - 1)));
        const seconds = columns.get(keys[x]).t / 1000;
        c.fillText(V.formatNumber(seconds, 1) + 's', left + x * colW + colW / 2, top + buckets * cell + 4);
      }
      c.textAlign = 'left';
      c.fillText(unit, 2, top + buckets * cell + 4);
      c.textAlign = 'right';
      c.fillText(ctx.msg('time', ''), left + plotW, top + buckets * cell + 18);
      geometry = { left: left, top: top, cell: cell, colW: colW, keys: keys, buckets: buckets };
      canvas.setAttribute('aria-label', ctx.msg('label', '') + ' ' + keys.length);
      section.dataset.columns = String(keys.length);
      text(keys, buckets);
    }

    // bpftrace's hist(): "[4, 8)   12 |@@@@        |"
    function text(keys, buckets) {
      const totals = new Array(buckets).fill(0);
      keys.forEach((k) => columns.get(k).counts.forEach((count, b) => {
        totals[b] += count;
      }));
      let first = totals.findIndex((n) => n > 0);
      let last = totals.length - 1 - totals.slice().reverse().findIndex((n) => n > 0);
      if (first < 0) {
        first = 0;
        last = 0;
      }
      const max = Math.max(1, ...totals);
      const labels = [];
      for (let b = first; b <= last; b++) {
        labels.push(bucketLabel(b));
      }
      const labelWidth = Math.max(...labels.map((l) => l.length));
      const countWidth = Math.max(...totals.map((n) => String(n).length));
      const lines = [unit ? '(' + unit + ')' : ''];
      for (let b = first; b <= last; b++) {
        const n = totals[b];
        const bar = '@'.repeat(Math.round(n / max * BAR));
        lines.push(bucketLabel(b).padEnd(labelWidth) + ' ' + String(n).padStart(countWidth) + ' |' + bar.padEnd(BAR) + '|');
      }
      hist.textContent = lines.filter(Boolean).join('\n');
      hist.hidden = false;
    }

    function readAt(event) {
      if (!geometry) {
        return;
      }
      const rect = canvas.getBoundingClientRect();
      const x = Math.floor((event.clientX - rect.left - geometry.left) / geometry.colW);
      const b = geometry.buckets - 1 - Math.floor((event.clientY - rect.top - geometry.top) / geometry.cell);
      if (x < 0 || x >= geometry.keys.length || b < 0 || b >= geometry.buckets) {
        return;
      }
      const column = columns.get(geometry.keys[x]);
      readout.textContent = V.formatNumber(column.t / 1000, 1) + 's · ' + bucketLabel(b) + (unit ? ' ' + unit : '')
        + ' · ' + V.formatNumber(column.counts[b] || 0);
    }
    canvas.addEventListener('mousemove', readAt);

    return {
      on: (type, data) => onSnapshot(data),
      resize: () => draw(),
    };
  }

  V.register('heatmap', { takes: ['snapshot'], create: create });
})();
