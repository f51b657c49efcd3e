// The `table` view: `row` events keyed by id; a row with a known id is updated in place (and flashes
// once). Columns come from the manifest: text (through the terms), number (with its unit, right
// aligned) and badge (pass/fail/warn/info or true/false, as a coloured pill). A click on a header
// sorts by that column, a second click reverses it; `sortBy` is the order until the reader picks one.
(() => {
  'use strict';

  const V = window.DemoViews;
  const BADGES = { pass: 'pass', true: 'pass', ok: 'pass', fail: 'fail', false: 'fail', error: 'fail', warn: 'warn', info: 'info' };

  function create(section, ctx) {
    const columns = (ctx.options.columns || []).map((c) => (typeof c === 'string' ? { key: c } : c));
    const table = section.querySelector('.view-table-grid');
    const head = table.querySelector('thead');
    const body = table.querySelector('tbody');
    const empty = section.querySelector('.view-empty');
    const rows = new Map(); // id → { tr, cells }
    let sortKey = ctx.options.sortBy || null;
    let descending = false;

    const headRow = V.make('tr');
    columns.forEach((column) => {
      const th = V.make('th');
      th.scope = 'col';
      th.dataset.key = column.key;
      if (column.type === 'number') {
        th.className = 'is-number';
      }
      const button = V.make('button', 'view-sort', V.pick(column, column.key));
      button.type = 'button';
      button.title = ctx.msg('sort', '');
      button.addEventListener('click', () => {
        descending = sortKey === column.key ? !descending : false;
        sortKey = column.key;
        sort();
      });
      th.append(button);
      headRow.append(th);
    });
    head.replaceChildren(headRow);

    function cell(column, value) {
      const td = V.make('td');
      td.dataset.key = column.key;
      if (value == null || value === '') {
        td.textContent = '';
        return td;
      }
      if (column.type === 'number') {
        td.className = 'is-number';
        td.textContent = typeof value === 'number' ? V.withUnit(value, column.unit) : V.withUnit(ctx.wording.shown(value), column.unit);
      } else if (column.type === 'badge') {
        const tone = BADGES[String(value).toLowerCase()] || 'info';
        const text = typeof value === 'boolean' || value === 'true' || value === 'false'
          ? (ctx.wording.term(String(value)) !== String(value) ? ctx.wording.term(String(value)) : ctx.msg(String(value), String(value)))
          : ctx.wording.shown(value);
        td.append(V.make('span', 'view-badge badge-' + tone, text));
      } else {
        td.textContent = ctx.wording.shown(value);
      }
      return td;
    }

    function compare(a, b) {
      const x = a.cells[sortKey];
      const y = b.cells[sortKey];
      if (x == null && y == null) {
        return a.order - b.order;
      }
      if (x == null) {
        return 1;
      }
      if (y == null) {
        return -1;
      }
      const r = typeof x === 'number' && typeof y === 'number' ? x - y
        : ctx.wording.shown(x).localeCompare(ctx.wording.shown(y), undefined, { numeric: true });
      return (descending ? -r : r) || a.order - b.order;
    }

    function sort() {
      headRow.querySelectorAll('th').forEach((th) => {
        if (th.dataset.key === sortKey) {
          th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        } else {
          th.removeAttribute('aria-sort');
        }
      });
      if (!sortKey) {
        return;
      }
      const sorted = Array.from(rows.values()).sort(compare);
      sorted.forEach((row) => body.append(row.tr));
    }

    function onRow(row) {
      if (row == null || row.id == null) {
        return;
      }
      const id = String(row.id);
      let entry = rows.get(id);
      const fresh = !entry;
      if (fresh) {
        const tr = V.make('tr');
        tr.dataset.rowId = id;
        entry = { tr: tr, cells: {}, order: rows.size };
        rows.set(id, entry);
        body.append(tr);
      }
      Object.assign(entry.cells, row.cells || {});
      entry.tr.replaceChildren(...columns.map((column) => cell(column, entry.cells[column.key])));
      entry.updates = (entry.updates || 0) + 1;
      entry.tr.dataset.updates = String(entry.updates);
      if (!fresh) {
        entry.tr.classList.remove('is-updated');
        void entry.tr.offsetWidth; // restart the flash
        entry.tr.classList.add('is-updated');
      }
      if (empty) {
        empty.hidden = true;
      }
      section.dataset.rows = String(rows.size);
      sort();
    }

    sort();
    return { on: (type, data) => onRow(data) };
  }

  V.register('table', { takes: ['row'], create: create });
})();
