// The registry of view kinds, and what every kind shares: the manifest's wording in the page's
// language, the fixed messages a view's fragment carries, numbers with units, and small DOM helpers.
// A kind is one script that calls DemoViews.register(kind, { takes, create }):
//   takes  — the SSE event types it draws (metric, event, node, row, span, snapshot, state, done);
//   create(section, ctx) — returns { on(type, data), end(), resize() } (each optional) for one
//            <section class="view" data-view-kind="kind"> of a run; ctx has options, wording, msg.
// demo-panel.js creates the views of a run and hands each SSE event to the views that take its type.
(() => {
  'use strict';

  const kinds = new Map();

  function register(kind, spec) {
    kinds.set(kind, spec);
  }

  function parseJson(text, fallback) {
    if (!text) {
      return fallback;
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      return fallback;
    }
  }

  function lang() {
    return (document.documentElement.lang || 'ko').startsWith('en') ? 'en' : 'ko';
  }

  // ---------------------------------------------------------------- wording from the manifest
  // The panel's data-wording: {terms: {key: text}, events: {kind: sentence}, summary: {key: {label, unit}}}.
  function wording(panel) {
    const w = parseJson(panel && panel.dataset.wording, {}) || {};
    const terms = w.terms || {};
    const events = w.events || {};
    const summary = w.summary || {};
    const term = (value) => {
      if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(terms, value)) {
        return terms[value];
      }
      return value == null ? '' : String(value);
    };
    const shown = (value) => {
      if (typeof value === 'number') {
        return formatNumber(value);
      }
      if (typeof value === 'boolean') {
        return term(String(value));
      }
      if (Array.isArray(value)) {
        return value.map(shown).join(', ');
      }
      if (value && typeof value === 'object') {
        return Object.keys(value).map((k) => k + '=' + shown(value[k])).join(', ');
      }
      return term(value);
    };
    // an event kind's sentence with {field} filled in; without one, "kind field=value …"
    const sentence = (kind, fields, fallback) => {
      const f = fields || {};
      const template = events[kind];
      if (typeof template === 'string') {
        return template.replace(/\{([A-Za-z0-9_.-]+)\}/g, (all, name) => (name in f ? shown(f[name]) : all));
      }
      if (fallback) {
        return String(fallback);
      }
      const pairs = Object.keys(f).filter((k) => f[k] !== null && typeof f[k] !== 'object')
        .map((k) => k + '=' + shown(f[k]));
      return [term(kind)].concat(pairs).join(' ');
    };
    const summaryOf = (key) => summary[key] || null;
    return { term: term, shown: shown, sentence: sentence, summary: summaryOf, hasEvent: (k) => typeof events[k] === 'string' };
  }

  // A manifest label in the page's language: {label, labelEn} (or {title, titleEn}); fallback otherwise.
  function pick(obj, fallback) {
    if (!obj) {
      return fallback == null ? '' : String(fallback);
    }
    const en = lang() === 'en';
    const text = en ? (obj.labelEn || obj.label) : (obj.label || obj.labelEn);
    return text == null ? (fallback == null ? '' : String(fallback)) : String(text);
  }

  // ---------------------------------------------------------------- numbers and units
  function formatNumber(value, digits) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return value == null ? '' : String(value);
    }
    const d = digits != null ? digits : Number.isInteger(value) ? 0 : Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
    return value.toLocaleString(lang() === 'en' ? 'en-US' : 'ko-KR', { maximumFractionDigits: d });
  }

  function withUnit(value, unit) {
    const text = typeof value === 'number' ? formatNumber(value) : String(value == null ? '' : value);
    return unit && text !== '' ? text + (unit === '%' ? '' : '\u00a0') + unit : text;
  }

  // ---------------------------------------------------------------- DOM helpers
  function make(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, cls) {
    const e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, attrs[k]));
    if (cls) {
      e.setAttribute('class', cls);
    }
    return e;
  }

  // a token for a class name or data attribute value
  function safe(s) {
    return String(s == null ? '' : s).replace(/[^a-z0-9_-]/gi, '');
  }

  // The colours of the page's theme, read from its CSS custom properties (light or dark).
  function theme(el) {
    const style = getComputedStyle(el || document.documentElement);
    const v = (name, fallback) => (style.getPropertyValue(name) || '').trim() || fallback;
    return {
      text: v('--text', '#1d1f23'), muted: v('--muted', '#5d6470'), border: v('--border', '#e4e1da'),
      grid: v('--view-grid', 'rgba(0,0,0,.12)'), accent: v('--accent', '#0a6c74'), surface: v('--surface', '#fff'),
      font: v('--font', 'system-ui'), mono: v('--mono', 'monospace'),
    };
  }

  const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#9333ea', '#ea580c', '#0d9488', '#4f46e5'];
  const SERIES_COLORS_DARK = ['#60a5fa', '#f87171', '#4ade80', '#fbbf24', '#a78bfa', '#22d3ee', '#f472b6', '#a3e635',
    '#c084fc', '#fb923c', '#2dd4bf', '#818cf8'];

  function dark() {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }

  function color(i) {
    const list = dark() ? SERIES_COLORS_DARK : SERIES_COLORS;
    return list[i % list.length];
  }

  // fn at most once per `ms`: views redraw after a burst of events, not per event
  function throttle(fn, ms) {
    let pending = false;
    return () => {
      if (pending) {
        return;
      }
      pending = true;
      setTimeout(() => {
        pending = false;
        fn();
      }, ms);
    };
  }

  // init(root) for the page and every fragment htmx swaps in (htmx fires htmx:load for both)
  function onLoad(init) {
    const start = () => (window.htmx ? window.htmx.onLoad(init) : init(document));
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }

  // The context one view is created with.
  function context(section, run, panel, words) {
    const data = section.dataset;
    return {
      run: run,
      panel: panel,
      options: parseJson(data.options, {}) || {},
      wording: words,
      lang: lang(),
      // a fixed UI text from the fragment's data-msg-<name>, with a fallback
      msg: (name, fallback) => {
        const key = 'msg' + name.charAt(0).toUpperCase() + name.slice(1);
        return data[key] != null ? data[key] : (fallback || name);
      },
    };
  }

  window.DemoViews = {
    register: register,
    kind: (name) => kinds.get(name),
    kinds: () => Array.from(kinds.keys()),
    wording: wording,
    context: context,
    pick: pick,
    lang: lang,
    formatNumber: formatNumber,
    withUnit: withUnit,
    make: make,
    svg: svg,
    safe: safe,
    theme: theme,
    color: color,
    dark: dark,
    parseJson: parseJson,
    throttle: throttle,
    onLoad: onLoad,
  };
})();
