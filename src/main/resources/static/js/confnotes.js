// Site-wide behaviour: "/" focuses the search box (unless typing somewhere already).
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable) {
    return;
  }
  const search = document.getElementById('site-search-input');
  if (search) {
    event.preventDefault();
    search.focus();
    search.select();
  }
});

// Search as you type: the header box swaps results into #search-results (htmx attributes in the
// layout). On pages other than /search that container is a dropdown under the box; it opens when
// results arrive, closes on Escape or a click elsewhere, and reopens when the box gets focus.
(() => {
  const dropdown = () => document.querySelector('.search-dropdown');
  const setOpen = (open) => {
    const box = dropdown();
    if (box) {
      box.hidden = !open;
    }
  };
  document.addEventListener('htmx:afterSwap', (event) => {
    if (event.target && event.target.id === 'search-results') {
      setOpen(true);
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && dropdown() && !dropdown().hidden) {
      setOpen(false);
    }
  });
  document.addEventListener('click', (event) => {
    const form = document.querySelector('.site-search');
    if (form && !form.contains(event.target)) {
      setOpen(false);
    }
  });
  document.addEventListener('focusin', (event) => {
    if (event.target && event.target.id === 'site-search-input') {
      setOpen(true);
    }
  });
})();

// Times the server writes as ISO instants (time[data-local]) in the reader's own time zone and language;
// without script they stay in UTC, as written.
(() => {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { dateStyle: 'medium', timeStyle: 'medium' });
  document.querySelectorAll('time[data-local][datetime]').forEach((time) => {
    const at = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(at.getTime())) {
      time.textContent = format.format(at);
      time.title = time.getAttribute('datetime');
    }
  });
})();
